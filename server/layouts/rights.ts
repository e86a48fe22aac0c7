import { wholeBoard, type Scope } from '../access/scope.ts';
import { ADMIN_ROLES } from '../access/control.ts';
import type { Role } from '../contract/accounts.ts';
import { layoutScopesFor, type Layout, type LayoutScope } from '../contract/layout.ts';

/**
 * Who may read and change a layout. A layout has an owner (its creator or importer; nobody for shipped layouts and
 * those stored before layouts had owners) and a scope (LAYOUT_SCOPES, `all` when it has none):
 *
 * - administrators of the whole board (the Owner, and administrators in no unit) read and change every layout;
 * - anyone else reads the layouts for everyone, those of the users they share a unit with (`unit`) and their own;
 * - supervisors and unit administrators change (save, delete) only their own layouts and the `unit` layouts of the
 *   users they share a unit with; a layout owned by nobody is changed by whole-board administrators only;
 * - a layout that a kiosk link shows (on a wall TV) is changed only by whole-board administrators and its owner;
 * - a user bound to units shares their layouts within their units at most (`personal` or `unit`, `unit` by default);
 * - only the layout editors' roles (LAYOUT_EDITOR_ROLES) change layouts at all.
 */
export interface LayoutViewer {
  readonly id: string;
  /** An administrator of the whole board. */
  readonly manager: boolean;
  /** Bound to units: then `unitmates` holds the users of their units. */
  readonly bound: boolean;
  readonly unitmates: ReadonlySet<string>;
  /** Has a role that edits layouts. */
  readonly editor: boolean;
}

/** The roles that create, save and delete layouts; every viewer of the board reads them. */
export const LAYOUT_EDITOR_ROLES: readonly Role[] = ['owner', 'administrator', 'supervisor'];

/** A user as the layout rights see them, from their board scope (server/access/scope.ts). */
export function layoutViewer(user: { readonly id: string; readonly role: Role }, scope: Scope): LayoutViewer {
  const bound = !wholeBoard(scope);
  return {
    id: user.id,
    manager: !bound && ADMIN_ROLES.includes(user.role),
    bound,
    unitmates: scope.visible === 'all' ? new Set() : scope.visible.users,
    editor: LAYOUT_EDITOR_ROLES.includes(user.role),
  };
}

export const ownerOf = (layout: Pick<Layout, 'owner'>): string | null => layout.owner ?? null;
export const scopeOfLayout = (layout: Pick<Layout, 'scope'>): LayoutScope => layout.scope ?? 'all';

function ownsOrShares(viewer: LayoutViewer, layout: Pick<Layout, 'owner' | 'scope'>): boolean {
  const owner = ownerOf(layout);
  return owner !== null && (owner === viewer.id || (scopeOfLayout(layout) === 'unit' && viewer.unitmates.has(owner)));
}

export function mayRead(viewer: LayoutViewer, layout: Pick<Layout, 'owner' | 'scope'>): boolean {
  return viewer.manager || scopeOfLayout(layout) === 'all' || ownsOrShares(viewer, layout);
}

/** Whether the viewer may save or delete the layout; `onKiosk`: a kiosk link shows it. */
export function mayChange(viewer: LayoutViewer, layout: Pick<Layout, 'owner' | 'scope'>, onKiosk: boolean): boolean {
  if (!viewer.editor) return false;
  if (viewer.manager) return true;
  if (onKiosk) return ownerOf(layout) === viewer.id;
  return ownsOrShares(viewer, layout);
}

/** The scope a viewer gives a layout they create or save (`asked`, or the default); null when it is not theirs to give. */
export function scopeFor(viewer: LayoutViewer, asked: LayoutScope | undefined): LayoutScope | null {
  const allowed = layoutScopesFor(viewer.bound);
  const scope = asked ?? allowed[0]!;
  return allowed.includes(scope) ? scope : null;
}
