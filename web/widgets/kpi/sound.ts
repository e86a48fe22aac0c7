/**
 * A short alert tone, synthesised so that no sound file is needed: one beep for amber, two higher ones for red. A
 * browser only plays sound after the viewer has interacted with the page (or with autoplay allowed, as on a kiosk
 * browser started for it); otherwise this does nothing.
 */
let context: AudioContext | undefined;

export function playAlert(level: 'warn' | 'bad'): void {
  try {
    context ??= new AudioContext();
    const beeps = level === 'bad' ? [0, 0.25] : [0];
    const frequency = level === 'bad' ? 880 : 660;
    for (const offset of beeps) {
      const start = context.currentTime + offset;
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.2, start);
      gain.gain.exponentialRampToValueAtTime(0.001, start + 0.2);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.2);
    }
  } catch {
    // No audio on this device: the tile's colour and shape still say it.
  }
}
