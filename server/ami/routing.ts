import type { AmiFields } from '../domain/input.ts';
import type { PendingActions } from './actions.ts';
import { single } from './field-check.ts';

// Lists announced in answer to actions we did not send (another session's actions replayed to us, a proxy); their
// ids are remembered so that their items are not mistaken for events. Bounded: only the most recent ones matter.
const MAX_FOREIGN_LISTS = 64;

/** Where an incoming message goes: one of our pending actions, the event consumer, or nowhere (and why). */
export type Route =
  { readonly to: 'action' } | { readonly to: 'consumer' } | { readonly to: 'nobody'; readonly reason: string };

const toAction: Route = { to: 'action' };
const toConsumer: Route = { to: 'consumer' };
const nobody = (reason: string): Route => ({ to: 'nobody', reason });

/** Routes the messages of one connection; `pending` is that connection's table of actions. */
export class Router {
  private readonly foreignLists = new Set<string>();

  constructor(private readonly pending: PendingActions) {}

  route(fields: AmiFields): Route {
    const id = single(fields, 'actionid');
    // `Event:` decides: some events also carry a `Response:` header (OriginateResponse: `Response: Success`).
    if (typeof fields.event !== 'string') {
      if (typeof fields.response !== 'string') return nobody('neither event nor response');
      if (id !== undefined && this.pending.onResponse(id, fields)) return toAction;
      if (id !== undefined && single(fields, 'eventlist')?.toLowerCase() === 'start') this.rememberForeign(id);
      return nobody('response to an action we did not send');
    }
    if (id !== undefined) {
      if (this.pending.onListEvent(id, fields)) return toAction;
      if (this.isForeignListItem(id, fields)) return nobody('list item of an action we did not send');
    }
    return toConsumer;
  }

  private rememberForeign(id: string): void {
    this.foreignLists.add(id);
    if (this.foreignLists.size > MAX_FOREIGN_LISTS) {
      const oldest = this.foreignLists.values().next().value;
      if (oldest !== undefined) this.foreignLists.delete(oldest);
    }
  }

  /**
   * An event carrying an ActionID that is not one of our lists. Items of lists we did not ask for are not events;
   * but some real events carry an ActionID too (OriginateResponse, sent to every session). Items of lists announced
   * on this connection are known by id; beyond that, list items carry no `Privilege:` header (Status's
   * `Privilege: Call` items excepted, covered by the announced ids), while events sent to every session have one.
   */
  private isForeignListItem(id: string, fields: AmiFields): boolean {
    const eventList = single(fields, 'eventlist');
    if (this.foreignLists.has(id)) {
      if (eventList?.toLowerCase() === 'complete') this.foreignLists.delete(id);
      return true;
    }
    return eventList !== undefined || fields.privilege === undefined;
  }
}
