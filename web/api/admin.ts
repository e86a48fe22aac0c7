import type {
  KioskBody,
  KioskCreatedView,
  KioskView,
  PolicyBody,
  PolicyView,
  TeamBody,
  TeamView,
  UnitBody,
  UnitView,
  UserCreateBody,
  UserUpdateBody,
  UserView,
} from '../../server/contract/accounts.ts';
import type { RestoreSummary } from '../../server/contract/backup.ts';
import type { ExportListView, RateTableView } from '../../server/contract/exports.ts';
import type { FtpAccessView, FtpCredentialsView } from '../../server/contract/ftp.ts';
import type { MonitorGroupBody, MonitorGroupView, MonitorSessionView } from '../../server/contract/monitoring.ts';
import type { InstallationView } from '../../server/contract/installation.ts';
import type { RecordingSettingsBody, RecordingSettingsView } from '../../server/contract/recordings.ts';
import {
  CONFIRM_WORDS,
  type CallRecordsResponse,
  type DeleteAllRequest,
  type RetentionCategory,
  type RetentionPurged,
  type RetentionRules,
  type RetentionUpdate,
} from '../../server/contract/stats.ts';
import { getLocale } from '../../server/contract/messages/runtime.js';
import { request, type ApiAnswer } from './request.ts';

/**
 * The administration REST API (server/stats/http.ts, server/access/http/*-routes.ts,
 * server/monitoring/routes.ts,
 * server/exports/routes.ts, server/recordings/routes.ts) as the screens use it.
 */

export const retentionApi = {
  rules: (): Promise<ApiAnswer<RetentionRules>> => request('GET', '/api/retention'),
  update: (update: RetentionUpdate): Promise<ApiAnswer<RetentionRules>> => request('PUT', '/api/retention', update),
  /** Only ever sent after the user typed YES: the body repeats it so that the server can refuse anything else. */
  deleteAll: (category: RetentionCategory): Promise<ApiAnswer<RetentionPurged>> =>
    request('DELETE', `/api/retention/${encodeURIComponent(category)}`, {
      confirm: CONFIRM_WORDS[getLocale()],
    } satisfies DeleteAllRequest),
};

export const usersApi = {
  list: (): Promise<ApiAnswer<UserView[]>> => request('GET', '/api/users'),
  create: (body: UserCreateBody): Promise<ApiAnswer<UserView>> => request('POST', '/api/users', body),
  update: (id: string, body: UserUpdateBody): Promise<ApiAnswer<UserView>> =>
    request('PATCH', `/api/users/${encodeURIComponent(id)}`, body),
  resetPassword: (id: string, password: string): Promise<ApiAnswer<null>> =>
    request('POST', `/api/users/${encodeURIComponent(id)}/password`, { password }),
};

/** Units, teams and policies share one shape: list, create, replace, delete. */
export interface Collection<View, Body, Made extends View = View> {
  list: () => Promise<ApiAnswer<View[]>>;
  /** Made: what the answer to a creation holds (more than a read shows, such as a secret shown once). */
  create: (body: Body) => Promise<ApiAnswer<Made>>;
  replace: (id: string, body: Body) => Promise<ApiAnswer<View>>;
  remove: (id: string) => Promise<ApiAnswer<null>>;
}

function collection<View, Body>(path: string): Collection<View, Body> {
  const one = (id: string) => `${path}/${encodeURIComponent(id)}`;
  return {
    list: () => request('GET', path),
    create: (body) => request('POST', path, body),
    replace: (id, body) => request('PUT', one(id), body),
    remove: (id) => request('DELETE', one(id)),
  };
}

export const unitsApi = collection<UnitView, UnitBody>('/api/units');
export const teamsApi = collection<TeamView, TeamBody>('/api/teams');
export const policiesApi = collection<PolicyView, PolicyBody>('/api/policies');

export const monitoringApi = {
  groups: collection<MonitorGroupView, MonitorGroupBody>('/api/monitoring/groups'),
  /** A page of the Monitoring log, newest first; `total` counts every session the asker sees. */
  history: (page: {
    limit: number;
    offset: number;
  }): Promise<ApiAnswer<{ sessions: MonitorSessionView[]; total: number }>> =>
    request('GET', `/api/monitoring/sessions?limit=${page.limit}&offset=${page.offset}`),
  end: (id: string): Promise<ApiAnswer<MonitorSessionView>> =>
    request('POST', `/api/monitoring/sessions/${encodeURIComponent(id)}/end`),
  dialplan: (): Promise<ApiAnswer<{ enabled: boolean; snippet: string }>> => request('GET', '/api/monitoring/dialplan'),
};

export const kiosksApi = {
  list: (): Promise<ApiAnswer<KioskView[]>> => request('GET', '/api/kiosk'),
  create: (body: KioskBody): Promise<ApiAnswer<KioskCreatedView>> => request('POST', '/api/kiosk', body),
  revoke: (id: string): Promise<ApiAnswer<null>> => request('DELETE', `/api/kiosk/${encodeURIComponent(id)}`),
};

export const installationApi = {
  view: (): Promise<ApiAnswer<InstallationView>> => request('GET', '/api/installation'),
  acknowledgeLoss: (): Promise<ApiAnswer<InstallationView>> => request('POST', '/api/installation/acknowledge'),
};

/** The download is a plain link to `GET /api/backup` (the browser saves the attachment); a restore sends the file's JSON. */
export const backupApi = {
  downloadUrl: '/api/backup',
  restore: (file: unknown): Promise<ApiAnswer<RestoreSummary>> => request('POST', '/api/backup/restore', file),
};

/** The daily reports (server/exports/routes.ts): the written days with their download links, writing a day now, rates. */
export const exportsApi = {
  list: (): Promise<ApiAnswer<ExportListView>> => request('GET', '/api/exports'),
  write: (day: string): Promise<ApiAnswer<{ day: string; scopes: number }>> =>
    request('POST', `/api/exports/${encodeURIComponent(day)}`),
  rates: (): Promise<ApiAnswer<RateTableView>> => request('GET', '/api/exports/rates'),
  saveRates: (csv: string): Promise<ApiAnswer<RateTableView>> => request('PUT', '/api/exports/rates', { csv }),
};

export const recordingsApi = {
  settings: (): Promise<ApiAnswer<RecordingSettingsView>> => request('GET', '/api/recordings/settings'),
  save: (body: RecordingSettingsBody): Promise<ApiAnswer<RecordingSettingsView>> =>
    request('PUT', '/api/recordings/settings', body),
};

/** The calls that ended in the last 24 hours, newest first (each with its recording, when the user may hear it). */
export const callsApi = {
  recent: (): Promise<ApiAnswer<CallRecordsResponse>> => request('GET', '/api/calls?since=24h&limit=200'),
};

/** The logged-in administrator's own FTP login (server/ftps/routes.ts). */
export const ftpApi = {
  view: (): Promise<ApiAnswer<FtpAccessView>> => request('GET', '/api/ftp/credentials'),
  /** A new password (the first, or replacing the last): the only time it is shown. */
  issue: (): Promise<ApiAnswer<FtpCredentialsView>> => request('POST', '/api/ftp/credentials'),
  revoke: (): Promise<ApiAnswer<null>> => request('DELETE', '/api/ftp/credentials'),
};
