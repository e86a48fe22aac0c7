/** Queue membership actions, with app_queue's own success and error messages. */
import { type ActionHandler, isTrue, message } from './context.ts';

const queueAdd: ActionHandler = (ctx) => {
  const queue = ctx.msg.get('Queue');
  const iface = ctx.msg.get('Interface');
  if (!queue) return ctx.respond('Error', message("'Queue' not specified."));
  if (!iface) return ctx.respond('Error', message("'Interface' not specified."));
  const result = ctx.center.addMember(queue, {
    iface,
    name: ctx.msg.get('MemberName'),
    stateInterface: ctx.msg.get('StateInterface'),
    penalty: Number.parseInt(ctx.msg.get('Penalty'), 10) || 0,
    paused: isTrue(ctx.msg.get('Paused')),
    reason: ctx.msg.get('Reason'),
    wrapuptime: Number.parseInt(ctx.msg.get('Wrapuptime'), 10) || 0,
  });
  if (result === 'ok') ctx.respond('Success', message('Added interface to queue'));
  else if (result === 'exists') ctx.respond('Error', message('Unable to add interface: Already there'));
  else ctx.respond('Error', message('Unable to add interface to queue: No such queue'));
};

const queueRemove: ActionHandler = (ctx) => {
  const queue = ctx.msg.get('Queue');
  const iface = ctx.msg.get('Interface');
  if (!queue || !iface) return ctx.respond('Error', message("Need 'Queue' and 'Interface' parameters."));
  const result = ctx.center.removeMember(queue, iface);
  const errors = {
    notthere: 'Unable to remove interface: Not there',
    nosuchqueue: 'Unable to remove interface from queue: No such queue',
    notdynamic: 'Member not dynamic',
  } as const;
  if (result === 'ok') ctx.respond('Success', message('Removed interface from queue'));
  else ctx.respond('Error', message(errors[result]));
};

const queuePause: ActionHandler = (ctx) => {
  const iface = ctx.msg.get('Interface');
  const pausedValue = ctx.msg.get('Paused');
  if (!iface || !pausedValue) return ctx.respond('Error', message("Need 'Interface' and 'Paused' parameters."));
  const paused = isTrue(pausedValue);
  if (!ctx.center.pause(iface, ctx.msg.get('Queue'), paused, ctx.msg.get('Reason'))) {
    return ctx.respond('Error', message('Interface not found'));
  }
  ctx.respond('Success', message(paused ? 'Interface paused successfully' : 'Interface unpaused successfully'));
};

export const queueActions: Record<string, ActionHandler> = {
  queueadd: queueAdd,
  queueremove: queueRemove,
  queuepause: queuePause,
};
