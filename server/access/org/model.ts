import type { PolicyView, Role, TeamView, UnitView } from '../../contract/accounts.ts';

/** What access decisions need to know of a user. */
export interface OrgUser {
  readonly id: string;
  readonly role: Role;
  readonly interfaces: readonly string[];
}

/** Everything access decisions are made from, loaded at once (it is small: tens of units, hundreds of users). */
export interface Org {
  readonly users: readonly OrgUser[];
  readonly units: readonly UnitView[];
  readonly teams: readonly TeamView[];
  readonly policies: readonly PolicyView[];
}
