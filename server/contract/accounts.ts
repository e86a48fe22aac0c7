import { z } from 'zod';
import { problem } from './issues.ts';
import type { LayoutScope } from './layout.ts';
import { textField, textProblem } from './text.ts';
import { localeField, type Locale } from './locale.ts';
import { m } from './messages/messages.js';

/**
 * Who sees what: accounts, organisational units, teams and their policies, kiosk links for wall TVs. The REST bodies
 * are validated with these schemas on the server; the admin screens import the same types.
 */

/** The Owner is the initial account; nobody can be given that role through the API. */
export const ROLES = ['owner', 'administrator', 'supervisor', 'agent'] as const;
export type Role = (typeof ROLES)[number];
/** The roles an administrator can give. */
export const ASSIGNABLE_ROLES = ['administrator', 'supervisor', 'agent'] as const;

/**
 * The team policies of PRODUCT.md 4 and two of the board's own actions, with their names and what they do. Stored by
 * these ids, they are named in the reader's language: the seed's seven keep the names its Polish admin guide gives them,
 * described in its words.
 */
const POLICY_WORDS = {
  'settings.locked': { name: m.common_policy_settings_locked, about: m.common_policy_settings_locked_about },
  'presence.disabled': { name: m.common_policy_presence_disabled, about: m.common_policy_presence_disabled_about },
  'presence.hideNumbers': {
    name: m.common_policy_presence_hide_numbers,
    about: m.common_policy_presence_hide_numbers_about,
  },
  'chat.teamOnly': { name: m.common_policy_chat_team_only, about: m.common_policy_chat_team_only_about },
  'chat.disabled': { name: m.common_policy_chat_disabled, about: m.common_policy_chat_disabled_about },
  'recordings.disabled': {
    name: m.common_policy_recordings_disabled,
    about: m.common_policy_recordings_disabled_about,
  },
  'softphone.copyNumber': { name: m.common_policy_copy_number, about: m.common_policy_copy_number_about },
  // Beyond the seed: who acts on agents from the board (server/access/agent-actions.ts).
  'agents.supervisorActions': {
    name: m.common_policy_supervisor_actions,
    about: m.common_policy_supervisor_actions_about,
  },
  'agents.noSelfPause': { name: m.common_policy_no_self_pause, about: m.common_policy_no_self_pause_about },
} as const;
export type PolicyName = keyof typeof POLICY_WORDS;

/** A policy's name in `locale` (absent: the language being spoken, as every message). */
export function policyName(policy: PolicyName, locale?: Locale): string {
  return POLICY_WORDS[policy].name({}, locale && { locale });
}

/** What a policy does, in `locale` (absent: the language being spoken). */
export function policyAbout(policy: PolicyName, locale?: Locale): string {
  return POLICY_WORDS[policy].about({}, locale && { locale });
}

/** Each policy's name, read in the language being spoken whenever it is read. */
export const POLICIES: Readonly<Record<PolicyName, string>> = Object.defineProperties(
  {} as Record<PolicyName, string>,
  Object.fromEntries(
    Object.keys(POLICY_WORDS).map((policy) => [
      policy,
      { enumerable: true, get: () => policyName(policy as PolicyName) },
    ]),
  ),
);
const POLICY_NAMES = Object.keys(POLICY_WORDS) as [PolicyName, ...PolicyName[]];

/** What replaces a phone number (caller id number or name) that the viewer may not see. */
export const HIDDEN_NUMBER = '***';

/** How much of other users' calls a viewer sees: everything, everything but numbers, or nothing. */
export type Presence = 'full' | 'hideNumbers' | 'none';

/** A user's team policies combined (the most restrictive wins), as the server enforces them and the UI shows them. */
export interface EffectivePolicies {
  settingsLocked: boolean;
  presence: Presence;
  /** 'team': only with users who share every team-only team of theirs (see server/access/org/policies.ts). */
  chat: 'all' | 'team' | 'none';
  recordings: boolean;
  copyNumber: boolean;
}

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Queue member interfaces whose calls are this user's, e.g. `PJSIP/1001`, `Local/1001@agents`. */
  interfaces: string[];
  disabled: boolean;
  createdAt: string;
  /** The phone call monitoring rings (an endpoint such as `PJSIP/2005`), and its extension. */
  phone?: string | null;
  extension?: string | null;
  /** The "may monitor calls" switch (call monitoring also needs a permission group). */
  monitorCalls?: boolean;
  /** The language the user chose; null: the installation's default (DEFAULT_LOCALE), else the browser's. */
  locale?: Locale | null;
}

/** `GET /api/session` and a successful login: the CSRF token goes into `X-CSRF-Token` on every change. */
export interface SessionView {
  user: UserView;
  /** The language to show this user: theirs, else the installation's, else their browser's. */
  locale: Locale;
  csrfToken: string;
  policies: EffectivePolicies;
  /** The scopes this user may give the layouts they save, the default first (contract/layout.ts). */
  layoutScopes: LayoutScope[];
}

export interface UnitView {
  id: string;
  name: string;
  members: string[];
  administrators: string[];
  queues: string[];
}

export interface TeamView {
  id: string;
  name: string;
  members: string[];
}

export interface PolicyView {
  id: string;
  policy: PolicyName;
  team: string;
}

export interface KioskView {
  id: string;
  name: string;
  layoutId: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
}

/** `POST /api/kiosk`: the only time the token is shown. */
export interface KioskCreatedView extends KioskView {
  token: string;
}

/** The payload of `session:revoked`: the socket is closed right after it. */
export interface RevokedView {
  reason: string;
}

/**
 * Why a socket is refused at the door (Socket.IO's connect_error, which carries no language): a code by which the
 * browser tells this refusal from an outage, and says it in its own language.
 */
export const NOT_ADMITTED = 'Log in first, or open a valid kiosk link.';

export const usernameField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._@-]{1,63}$/, problem('username_form'));
// The upper bound keeps a hostile body from making the server hash megabytes.
export const passwordField = z.string().min(12).max(256);
const displayName = textField({ max: 100 });
const iface = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]+\/\S{1,80}$/, problem('channel_interface'))
  .refine((text) => textProblem(text) === null, problem('no_control'));
const id = z.string().min(1).max(64);
const phone = iface.nullable();
const extension = z
  .string()
  .trim()
  .regex(/^[0-9*#]{1,20}$/, problem('extension'))
  .nullable();
const ids = z
  .array(id)
  .max(10_000)
  .transform((list) => [...new Set(list)]);
const name = textField({ max: 100 });
const queue = textField({ max: 80 });

export const credentialsBody = z.strictObject({ username: usernameField, password: z.string().min(1).max(256) });
export const setupBody = z.strictObject({
  username: usernameField,
  password: passwordField,
  displayName: displayName.optional(),
});

export const userCreateBody = z.strictObject({
  username: usernameField,
  password: passwordField,
  displayName: displayName.optional(),
  role: z.enum(ASSIGNABLE_ROLES),
  interfaces: z.array(iface).max(50).default([]),
  disabled: z.boolean().default(false),
  phone: phone.optional(),
  extension: extension.optional(),
  monitorCalls: z.boolean().optional(),
});
export const userUpdateBody = z.strictObject({
  displayName: displayName.optional(),
  role: z.enum(ASSIGNABLE_ROLES).optional(),
  interfaces: z.array(iface).max(50).optional(),
  disabled: z.boolean().optional(),
  phone: phone.optional(),
  extension: extension.optional(),
  monitorCalls: z.boolean().optional(),
});
export const passwordResetBody = z.strictObject({ password: passwordField });
export const meUpdateBody = z.strictObject({
  displayName: displayName.optional(),
  password: z.strictObject({ current: z.string().min(1).max(256), next: passwordField }).optional(),
  /** null: back to the installation's default. */
  locale: localeField.nullable().optional(),
});

export const unitBody = z.strictObject({
  name,
  members: ids.default([]),
  administrators: ids.default([]),
  queues: z.array(queue).max(1_000).default([]),
});
export const teamBody = z.strictObject({ name, members: ids.default([]) });
export const policyBody = z.strictObject({ policy: z.enum(POLICY_NAMES), team: id });

export const kioskBody = z.strictObject({
  layoutId: textField({ max: 100 }),
  name: name.optional(),
  /** When the link stops working; absent: until revoked. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});

export type UserCreateBody = z.infer<typeof userCreateBody>;
export type UserUpdateBody = z.infer<typeof userUpdateBody>;
export type UnitBody = z.infer<typeof unitBody>;
export type TeamBody = z.infer<typeof teamBody>;
export type PolicyBody = z.infer<typeof policyBody>;
export type KioskBody = z.infer<typeof kioskBody>;
export type MeUpdate = z.input<typeof meUpdateBody>;
