/**
 * The `extensions.conf` part of the feature code `#44<extension>`: Asterisk asks Tablica over FastAGI, then runs the
 * ChanSpy Tablica named, or hangs up after the prompt Tablica played. Include the context where phones dial.
 */
export function dialplanSnippet(agiHost: string, agiPort: number): string {
  return `; Call monitoring: #44 + the agent's extension (Tablica decides over FastAGI; keys 4/5/6 switch modes)
[tablica-monitor]
exten => _#44X.,1,Answer()
 same => n,AGI(agi://${agiHost}:${agiPort}/monitor,\${EXTEN:3})
 same => n,GotoIf($["\${SPY_TARGET}" = ""]?done)
 same => n,ChanSpy(\${SPY_TARGET},\${SPY_OPTIONS})
 same => n(done),Hangup()
`;
}
