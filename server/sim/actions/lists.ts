/** The list actions: `Response: Success` + `EventList: start`, the items (with ActionID, no Privilege), `…Complete`. */
import { channelFields, memberStateFields } from '../events.ts';
import type { Sim } from '../model/sim.ts';
import { serviceLevelPerf, serviceLevelPerf2 } from '../model/stats.ts';
import type { Fields } from '../framing.ts';
import { type ActionContext, type ActionHandler, actionIdField, message } from './context.ts';

function list(ctx: ActionContext, startMessage: string, completeEvent: string, items: Fields[]): void {
  ctx.respond('Success', [['EventList', 'start'], ...message(startMessage)]);
  for (const item of items) ctx.send(item);
  ctx.send([
    ['Event', completeEvent],
    ...actionIdField(ctx),
    ['EventList', 'Complete'],
    ['ListItems', String(items.length)],
  ]);
}

function sim(ctx: ActionContext): Sim {
  return ctx.center.sim;
}

const queueStatus: ActionHandler = (ctx) => {
  const { queues, sched } = sim(ctx);
  const queueFilter = ctx.msg.get('Queue');
  const memberFilter = ctx.msg.get('Member');
  const id = actionIdField(ctx);
  const items: Fields[] = [];
  for (const q of queues.values()) {
    if (queueFilter && q.cfg.name !== queueFilter) continue;
    const s = q.stats;
    items.push([
      ['Event', 'QueueParams'],
      ['Queue', q.cfg.name],
      ['Max', '0'],
      ['Strategy', q.cfg.strategy],
      ['Calls', String(q.callers.length)],
      ['Holdtime', String(s.holdtime)],
      ['TalkTime', String(s.talktime)],
      ['Completed', String(s.completed)],
      ['Abandoned', String(s.abandoned)],
      ['ServiceLevel', String(q.cfg.servicelevel)],
      ['ServicelevelPerf', serviceLevelPerf(s)],
      ['ServicelevelPerf2', serviceLevelPerf2(s)],
      ['Weight', String(q.cfg.weight)],
      ...id,
    ]);
    for (const m of q.members) {
      if (memberFilter && memberFilter !== m.agent.iface && memberFilter !== m.name) continue;
      items.push([
        ['Event', 'QueueMember'],
        ['Queue', q.cfg.name],
        ['Name', m.name],
        ['Location', m.agent.iface],
        ...memberStateFields(m),
        ['Wrapuptime', String(m.wrapuptime)],
        ...id,
      ]);
    }
    q.callers.forEach((c, i) => {
      const ch = c.pair.two;
      items.push([
        ['Event', 'QueueEntry'],
        ['Queue', q.cfg.name],
        ['Position', String(i + 1)],
        ['Channel', ch.name],
        ['Uniqueid', ch.uniqueid],
        ['CallerIDNum', ch.callerNum],
        ['CallerIDName', ch.callerName],
        ['ConnectedLineNum', ch.connectedNum],
        ['ConnectedLineName', ch.connectedName],
        ['Wait', String(Math.floor((sched.now() - c.joinedAt) / 1000))],
        ['Priority', '0'],
        ...id,
      ]);
    });
  }
  list(ctx, 'Queue status will follow', 'QueueStatusComplete', items);
};

const queueSummary: ActionHandler = (ctx) => {
  const { queues, sched } = sim(ctx);
  const queueFilter = ctx.msg.get('Queue');
  const items: Fields[] = [];
  for (const q of queues.values()) {
    if (queueFilter && q.cfg.name !== queueFilter) continue;
    // app_queue: logged in = not unavailable/invalid; available = idle (or unknown) and unpaused.
    const loggedIn = q.members.filter((m) => m.agent.state !== 'UNAVAILABLE' && m.agent.state !== 'INVALID');
    const available = loggedIn.filter(
      (m) => !m.paused && (m.agent.state === 'NOT_INUSE' || m.agent.state === 'UNKNOWN'),
    );
    const head = q.callers[0];
    items.push([
      ['Event', 'QueueSummary'],
      ['Queue', q.cfg.name],
      ['LoggedIn', String(loggedIn.length)],
      ['Available', String(available.length)],
      ['Callers', String(q.callers.length)],
      ['HoldTime', String(q.stats.holdtime)],
      ['TalkTime', String(q.stats.talktime)],
      ['LongestHoldTime', String(head ? Math.floor((sched.now() - head.joinedAt) / 1000) : 0)],
      ...actionIdField(ctx),
    ]);
  }
  list(ctx, 'Queue summary will follow', 'QueueSummaryComplete', items);
};

function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

const coreShowChannels: ActionHandler = (ctx) => {
  const { channels, sched } = sim(ctx);
  const items = channels
    .list()
    .map((ch): Fields => [
      ['Event', 'CoreShowChannel'],
      ...actionIdField(ctx),
      ...channelFields(ch),
      ['Application', ch.application],
      ['ApplicationData', ch.appData],
      ['Duration', duration(sched.now() - ch.created)],
      ['BridgeId', ch.bridgeId],
    ]);
  list(ctx, 'Channels will follow', 'CoreShowChannelsComplete', items);
};

const deviceStateList: ActionHandler = (ctx) => {
  const items = sim(ctx)
    .devices.entries()
    .map(([device, state]): Fields => [
      ['Event', 'DeviceStateChange'],
      ...actionIdField(ctx),
      ['Device', device],
      ['State', state],
    ]);
  list(ctx, 'Device State Changes will follow', 'DeviceStateListComplete', items);
};

export const listActions: Record<string, ActionHandler> = {
  queuestatus: queueStatus,
  queuesummary: queueSummary,
  coreshowchannels: coreShowChannels,
  devicestatelist: deviceStateList,
};
