import { describe, expect, it } from 'vitest';
import { formatAction, nextActionId } from '../../server/ami/action-text.ts';

describe('formatAction', () => {
  it('writes Action, ActionID and the headers, ending with a blank line', () => {
    expect(formatAction('QueuePause', 'id-1', { Interface: 'Local/1001@agents', Paused: true, Penalty: 2 })).toBe(
      'Action: QueuePause\r\nActionID: id-1\r\nInterface: Local/1001@agents\r\nPaused: true\r\nPenalty: 2\r\n\r\n',
    );
  });

  it('repeats a header for an array and skips undefined values', () => {
    expect(formatAction('Originate', 'id-2', { Variable: ['A=1', 'B=2'], Queue: undefined })).toBe(
      'Action: Originate\r\nActionID: id-2\r\nVariable: A=1\r\nVariable: B=2\r\n\r\n',
    );
  });

  it('refuses line breaks in values: they would inject headers or whole actions', () => {
    expect(() => formatAction('QueuePause', 'id', { Reason: 'x\r\n\r\nAction: Hangup' })).toThrow(/line break/);
    expect(() => formatAction('QueuePause', 'id', { Reason: ['ok', 'bad\n'] })).toThrow(/line break/);
  });

  it('refuses bad header names and an ActionID or Action of the caller', () => {
    expect(() => formatAction('Queue Pause', 'id')).toThrow(/action name/);
    expect(() => formatAction('Ping', 'id', { 'Bad: x': '1' })).toThrow(/header name/);
    expect(() => formatAction('Ping', 'id', { actionid: 'mine' })).toThrow(/set by the connection/);
    expect(() => formatAction('Ping', 'id', { Action: 'Hangup' })).toThrow(/set by the connection/);
  });
});

describe('nextActionId', () => {
  it('is unique and carries the per-process tablica prefix (never a Date)', () => {
    const ids = Array.from({ length: 1_000 }, () => nextActionId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^tablica-[0-9a-z]+-\d+$/);
  });
});
