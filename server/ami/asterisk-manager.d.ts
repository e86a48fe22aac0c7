// The subset of the untyped `asterisk-manager` package that server/ami/transport.ts (and the ingest benchmark's
// baseline) use. Parsed messages are plain objects: keys lower-cased, repeated keys as arrays, `Variable:` lines as
// a map.
declare module 'asterisk-manager' {
  interface ManagerInstance {
    connect(port: number, host: string, callback?: () => void): void;
    on(event: 'rawevent', listener: (message: Record<string, unknown>) => void): void;
    on(event: 'managerevent', listener: (event: Record<string, unknown>) => void): void;
    removeAllListeners(event: string): void;
  }
  function Manager(): ManagerInstance;
  export default Manager;
}
