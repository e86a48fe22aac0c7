import type { Role, UnitView } from '../contract/accounts.ts';
import type { FtpHomeView } from '../contract/ftp.ts';
import { unitsOf } from '../access/scope.ts';
import type { Org } from '../access/org/model.ts';

/** Who may hold an FTP login: the Owner and administrators. */
const FTP_ROLES: readonly Role[] = ['owner', 'administrator'];

/** The part of a user's record the decision needs. */
export interface FtpCandidate {
  readonly id: string;
  readonly role: Role;
  readonly interfaces: readonly string[];
  readonly disabled: boolean;
}

/** A unit's folder in a unit administrator's home, and where its files come from. */
export interface UnitFolder {
  readonly unitId: string;
  readonly unit: string;
  readonly folder: string;
}

export type FtpHome = { readonly kind: 'center' } | { readonly kind: 'units'; readonly units: readonly UnitFolder[] };

/**
 * What a user's FTP login may see, by the board's own unit rule (access/scope.ts): the Owner and administrators bound
 * to no unit get the whole center; an administrator who administers or belongs to units gets those units only, one
 * folder each, even for a single unit, so that the paths stay the same when a unit is added. Null: no FTP access
 * (another role, or a disabled account).
 */
export function ftpHome(user: FtpCandidate, org: Pick<Org, 'units'>): FtpHome | null {
  if (user.disabled || !FTP_ROLES.includes(user.role)) return null;
  const units = unitsOf(user, org);
  return units.length === 0 ? { kind: 'center' } : { kind: 'units', units: unitFolders(units) };
}

/**
 * Folder names from unit names (unique regardless of case, so that a case-insensitive client keeps them apart): a
 * character a path cannot hold becomes `_`; a name that still collides with another, or is empty, gets the unit id.
 */
export function unitFolders(units: readonly UnitView[]): UnitFolder[] {
  const named = [...units]
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((unit) => ({ unit, folder: unit.name.replace(/[/\\\p{Cc}]/gu, '_').replace(/^[.\s]+|\s+$/g, '') }));
  const count = new Map<string, number>();
  for (const { folder } of named) count.set(folder.toLowerCase(), (count.get(folder.toLowerCase()) ?? 0) + 1);
  return named.map(({ unit, folder }) => ({
    unitId: unit.id,
    unit: unit.name,
    folder: folder === '' || count.get(folder.toLowerCase())! > 1 ? `${folder || 'unit'}-${unit.id}` : folder,
  }));
}

export function homeView(home: FtpHome): FtpHomeView {
  return home.kind === 'center'
    ? { kind: 'center' }
    : { kind: 'units', units: home.units.map(({ unit, folder }) => ({ unit, folder })) };
}
