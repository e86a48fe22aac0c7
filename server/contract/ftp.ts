/**
 * FTP access (server/ftps): each administrator's own login to the FTPS server (ProFTPD) that serves the daily reports
 * and the recordings for bulk download. The password is shown once, when it is issued; the server keeps its hash only.
 */

/** What an FTP login's home holds: the whole center, or one folder per unit of a unit administrator. */
export type FtpHomeView = { kind: 'center' } | { kind: 'units'; units: FtpUnitFolderView[] };

export interface FtpUnitFolderView {
  /** The unit's name. */
  unit: string;
  /** Its folder in the home. */
  folder: string;
}

/** `GET /api/ftp/credentials`: where to connect, and the logged-in administrator's FTP login if one is issued. */
export interface FtpAccessView {
  host: string;
  port: number;
  /** The FTP user name; null while none is issued (or after it was revoked). */
  username: string | null;
  /** When the current password was issued (ISO 8601), or null. */
  issuedAt: string | null;
  home: FtpHomeView;
}

/** `POST /api/ftp/credentials`: a new password, the only time it is shown. */
export interface FtpCredentialsView {
  host: string;
  port: number;
  username: string;
  password: string;
}
