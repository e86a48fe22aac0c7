import { deviceStateChange, type EventHub } from '../events.ts';

/** Every device with a known state (what DeviceStateList lists): Custom:agent…, Queue:…, Local/…. */
export class Devices {
  private readonly states = new Map<string, string>();

  constructor(private readonly hub: EventHub) {}

  /** Records a state without an event (the state the PBX had before anyone connected). */
  init(device: string, state: string): void {
    this.states.set(device, state);
  }

  /**
   * Publishes `DeviceStateChange` when the state changes. Local devices are republished even when unchanged, as
   * Asterisk does each time a Local channel of the device changes state.
   */
  set(device: string, state: string, always = false): void {
    if (!always && this.states.get(device) === state) return;
    this.states.set(device, state);
    this.hub.emit(deviceStateChange(device, state));
  }

  delete(device: string): void {
    this.states.delete(device);
  }

  entries(): [string, string][] {
    return [...this.states.entries()];
  }
}
