/**
 * What the reducer consumes. The AMI adapter translates the wire into these; the domain never sees a socket.
 *
 * Fields are an AMI message as the AMI client parses it: keys lower-cased, a key that repeats becomes an array, and
 * `Variable:` / `ChanVariable:` lines become a map of name → value.
 */
export type AmiFieldValue = string | readonly string[] | Readonly<Record<string, string>>;
export type AmiFields = Readonly<Record<string, AmiFieldValue | undefined>>;

/** The lists a (re)connection collects before events are applied again; each holds the list's item events in order. */
export interface ResyncLists {
  /** `QueueStatus`: QueueParams, QueueMember and QueueEntry events. */
  readonly queueStatus: readonly AmiFields[];
  /** `QueueSummary`: one QueueSummary event per queue. */
  readonly queueSummary: readonly AmiFields[];
  /** `CoreShowChannels`: one CoreShowChannel event per channel. */
  readonly channels: readonly AmiFields[];
}

/** `at` is the time the message was received (epoch ms): the reducer has no clock of its own. */
export type DomainInput =
  | { readonly type: 'event'; readonly at: number; readonly fields: AmiFields }
  | { readonly type: 'resync'; readonly at: number; readonly lists: ResyncLists }
  | { readonly type: 'link'; readonly at: number; readonly up: boolean };
