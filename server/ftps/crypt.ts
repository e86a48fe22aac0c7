import { spawn } from 'node:child_process';

const SHA512_CRYPT = /^\$6\$[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{86}$/;

/**
 * The SHA-512 crypt hash (`$6$salt$…`) of a password, as ProFTPD's AuthUserFile reads it. OpenSSL makes it
 * (`openssl passwd -6`, with a random salt), spawned with an argument list; the password goes in on stdin, so that it
 * never shows in a process list. `salt` is for checking a password against a hash already made.
 */
export function sha512Crypt(password: string, salt?: string): Promise<string> {
  if (/[\r\n]/.test(password)) return Promise.reject(new Error('an FTP password cannot hold a line break'));
  const args = ['passwd', '-6', ...(salt === undefined ? [] : ['-salt', salt]), '-stdin'];
  return new Promise((resolve, reject) => {
    const child = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.once('error', (error) =>
      reject(new Error(`cannot run openssl to hash an FTP password (${error.message}): install openssl`)),
    );
    child.once('close', (code) => {
      const hash = out.trim();
      if (code === 0 && SHA512_CRYPT.test(hash)) resolve(hash);
      else reject(new Error(`openssl passwd -6 failed (exit code ${code}): ${err.trim() || 'no hash in its output'}`));
    });
    child.stdin.end(`${password}\n`);
  });
}
