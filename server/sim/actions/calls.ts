/**
 * Call actions: Originate (callers into a queue, a phone into ChanSpy or out to a number), Hangup, Setvar (globals, DEVICE_STATE, channel variables), PlayDTMF,
 * MixMonitor and StopMixMonitor.
 */
import { event, varSet } from '../events.ts';
import type { Fields } from '../framing.ts';
import { type ActionHandler, isTrue, message } from './context.ts';

/** `"Ann Caller" <5552001>` → name and number; `<unknown>` for a missing part, as Asterisk shows it. */
function parseCallerId(value: string): { num: string; name: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]*)>\s*$/.exec(value);
  const name = match ? match[1] : '';
  const num = match ? match[2] : value.trim();
  return { name: name || '<unknown>', num: num || '<unknown>' };
}

/** `Variable:` headers, each `NAME=value` or several joined by commas. */
function variables(values: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of values.flatMap((v) => v.split(','))) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

/** A phone's device, not a Local channel into the simulated dialplan (those are callers). */
const phoneLike = (channel: string): boolean => !/^Local\//i.test(channel);

const originate: ActionHandler = (ctx) => {
  const { msg, center } = ctx;
  const channel = msg.get('Channel');
  if (!channel) return ctx.respond('Error', message('Channel not specified'));
  const application = msg.get('Application');
  const target: Fields = application
    ? [
        ['Application', application],
        ['Data', msg.get('Data')],
      ]
    : [
        ['Context', msg.get('Context')],
        ['Exten', msg.get('Exten')],
      ];
  const cid = parseCallerId(msg.get('CallerID'));
  const actionId = msg.get('ActionID');
  const async = /^(yes|true|1|on)$/i.test(msg.get('Async'));
  const queueName = /^Local\/([^@/]+)@callers$/i.exec(channel)?.[1];
  const queue = queueName ? center.queue(queueName) : undefined;
  ctx.respond('Success', message('Originate successfully queued'));
  if (/^chanspy$/i.test(application) && async) {
    center.originateSpy({
      device: channel,
      data: msg.get('Data'),
      channelId: msg.get('ChannelId') || undefined,
      actionId: actionId || undefined,
      callerNum: cid.num,
      callerName: cid.name,
      timeoutMs: Number.parseInt(msg.get('Timeout'), 10) || 30_000,
    });
  } else if (!application && async && phoneLike(channel) && msg.get('Context') && msg.get('Exten')) {
    center.originateOutside({
      device: channel,
      context: msg.get('Context'),
      exten: msg.get('Exten'),
      channelId: msg.get('ChannelId') || undefined,
      actionId: actionId || undefined,
      timeoutMs: Number.parseInt(msg.get('Timeout'), 10) || 30_000,
    });
  } else if (queue) {
    const maxWait = Number.parseInt(variables(msg.getAll('Variable')).get('MAXWAIT') ?? '', 10) || 0;
    center.originate({
      queue,
      callerNum: cid.num,
      callerName: cid.name,
      maxWait,
      target,
      ...(async ? { actionId } : {}),
    });
  } else if (async) {
    // Only callers into a known queue are simulated; any other destination fails as an unroutable Local channel does.
    center.sim.hub.emit(
      event(
        'OriginateResponse',
        'call',
        [
          ['ActionID', actionId],
          ['Response', 'Failure'],
          ['Channel', channel],
        ],
        target,
        [
          ['Reason', '0'],
          ['Uniqueid', '<unknown>'],
          ['CallerIDNum', cid.num],
          ['CallerIDName', cid.name],
        ],
      ),
    );
  }
};

const hangup: ActionHandler = (ctx) => {
  const channel = ctx.msg.get('Channel');
  if (!channel) return ctx.respond('Error', message('No channel specified'));
  if (!ctx.center.sim.channels.byName.has(channel)) return ctx.respond('Error', message('No such channel'));
  ctx.respond('Success', message('Channel Hungup'));
  ctx.center.hangup(channel);
};

const setvar: ActionHandler = (ctx) => {
  const { msg, center } = ctx;
  const variable = msg.get('Variable');
  const value = msg.get('Value');
  if (!variable) return ctx.respond('Error', message('No variable specified'));
  const channelName = msg.get('Channel');
  const device = /^DEVICE_STATE\((.+)\)$/i.exec(variable)?.[1];
  if (channelName) {
    const ch = center.sim.channels.byName.get(channelName);
    if (!ch) return ctx.respond('Error', message('No such channel'));
    ctx.respond('Success', message('Variable Set'));
    center.sim.hub.emit(varSet(ch, variable, value));
  } else if (device) {
    ctx.respond('Success', message('Variable Set'));
    center.setCustomDeviceState(device, value.toUpperCase());
  } else {
    ctx.respond('Success', message('Variable Set'));
    center.sim.hub.emit(
      event('VarSet', 'dialplan', [
        ['Channel', 'none'],
        ['Uniqueid', 'none'],
        ['Variable', variable],
        ['Value', value],
      ]),
    );
  }
};

/** `PlayDTMF`: only a digit received by the channel itself (`Receive: true`) is modelled; ChanSpy hears it. */
const playdtmf: ActionHandler = (ctx) => {
  const { msg, center } = ctx;
  const digit = msg.get('Digit');
  if (!digit) return ctx.respond('Error', message('No digit specified'));
  if (!center.sim.channels.byName.has(msg.get('Channel'))) return ctx.respond('Error', message('Channel not found'));
  ctx.respond('Success', message('DTMF successfully queued'));
  if (isTrue(msg.get('Receive'))) center.receiveDigit(msg.get('Channel'), digit.slice(0, 1), false);
};

/** `MixMonitor` (trace 16): the answer comes first, then `VarSet MIXMONITOR_FILENAME` and MixMonitorStart. */
const mixmonitor: ActionHandler = (ctx) => {
  const { msg, center } = ctx;
  const channel = msg.get('Channel');
  const file = msg.get('File');
  if (!channel) return ctx.respond('Error', message('No channel specified'));
  if (!file) return ctx.respond('Error', message('No file specified'));
  if (!center.sim.channels.byName.has(channel)) return ctx.respond('Error', message('No such channel'));
  center.sim.hub.deferWhile(() => {
    ctx.respond('Success');
    center.mixMonitor(channel, file);
  });
};

const stopmixmonitor: ActionHandler = (ctx) => {
  const channel = ctx.msg.get('Channel');
  if (!channel) return ctx.respond('Error', message('No channel specified'));
  if (!ctx.center.sim.channels.byName.has(channel)) return ctx.respond('Error', message('No such channel'));
  ctx.center.sim.hub.deferWhile(() => {
    if (ctx.center.stopMixMonitor(channel)) ctx.respond('Success');
    else ctx.respond('Error', message('Could not stop MixMonitor'));
  });
};

export const callActions: Record<string, ActionHandler> = {
  originate,
  hangup,
  setvar,
  playdtmf,
  mixmonitor,
  stopmixmonitor,
};
