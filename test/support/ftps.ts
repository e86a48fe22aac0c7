import { spawn } from 'node:child_process';
import { chmod, link, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Client } from 'basic-ftp';
import yazl from 'yazl';
import type { FtpsConfig } from '../../server/config.ts';
import { freePortRange, selfSignedCertificate } from '../../server/ftps/proftpd.ts';

/** A folder for one test's files layout, FTP files and ProFTPD, readable by the logins' sessions (`nobody`). */
export async function ftpsTestConfig(): Promise<FtpsConfig> {
  const root = await mkdtemp(path.join(tmpdir(), 'tablica-ftps-'));
  await chmod(root, 0o755);
  const tls = await selfSignedCertificate(path.join(root, 'tls'));
  const [port] = await freePortRange(1);
  return {
    filesDir: path.join(root, 'files'),
    dir: path.join(root, 'ftps'),
    publicHost: '127.0.0.1',
    port,
    passivePorts: await freePortRange(10),
    ...tls,
  };
}

export const DAY = '2026-12-06';
export const RECORDING = `2026_12_06_10_15_00-1001-48221234567-700-1765016100.42.mp3`;

/** One day of the agreed layout: a CSV, a zip and an MP3 for the center, and a unit's own CSV, zip and MP3. */
export interface DayFiles {
  readonly csv: string;
  readonly zip: Buffer;
  readonly mp3: Buffer;
}

/**
 * Writes the center's files of DAY, and for each unit its own (`<unit name>` in the CSV, so that tests can tell whose
 * rows they got); a unit's recording is a hard link to the center's, as the layout has it. Returns what was written.
 */
export async function writeDay(
  filesDir: string,
  units: readonly { id: string; name: string }[],
): Promise<{ center: DayFiles; units: Map<string, DayFiles> }> {
  const mp3 = await silenceMp3(path.join(filesDir, '.work'));
  const center = await writeFiles(path.join(filesDir, 'center'), 'whole center', mp3);
  const written = new Map<string, DayFiles>();
  for (const unit of units) {
    const folder = path.join(filesDir, 'units', unit.id);
    written.set(
      unit.id,
      await writeFiles(folder, unit.name, mp3, path.join(filesDir, 'center', 'Recordings', DAY, RECORDING)),
    );
  }
  return { center, units: written };
}

async function writeFiles(folder: string, whose: string, mp3: Buffer, recordingOf?: string): Promise<DayFiles> {
  const csv = `id,calldate,src\r\n"1765016100.42","${DAY}T10:15:00Z","${whose}"\r\n`;
  const zip = await zipOf({
    [`${DAY}-queue_call.csv`]: `id,call_id\r\n1,"${whose}"\r\n`,
    [`${DAY}-queue_user_call.csv`]: 'id\r\n',
  });
  await mkdir(path.join(folder, 'CDRs'), { recursive: true });
  await mkdir(path.join(folder, 'QueueCalls'), { recursive: true });
  await mkdir(path.join(folder, 'Recordings', DAY), { recursive: true });
  await writeFile(path.join(folder, 'CDRs', `${DAY}.csv`), csv);
  await writeFile(path.join(folder, 'QueueCalls', `${DAY}-queue-calls.zip`), zip);
  const recording = path.join(folder, 'Recordings', DAY, RECORDING);
  if (recordingOf) await link(recordingOf, recording);
  else await writeFile(recording, mp3);
  return { csv, zip, mp3 };
}

function zipOf(entries: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(entries))
    zip.addBuffer(Buffer.from(text), name, { mtime: new Date(`${DAY}T01:00:00Z`) });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.once('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.once('error', reject);
  });
}

/** Half a second of silence as a real MP3, made by Debian's lame from a WAV written here. */
async function silenceMp3(work: string): Promise<Buffer> {
  await mkdir(work, { recursive: true });
  const wav = path.join(work, 'silence.wav');
  const rate = 8_000;
  const samples = Buffer.alloc(rate);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.length, 40);
  await writeFile(wav, Buffer.concat([header, samples]));
  const mp3 = path.join(work, 'silence.mp3');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('lame', ['--quiet', wav, mp3], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lame exited with ${code}`))));
  });
  return readFile(mp3);
}

/** An FTP client logged in over explicit TLS (AUTH TLS before USER), trusting the test's self-signed certificate. */
export async function ftpsLogin(port: number, user: string, password: string, secure = true): Promise<Client> {
  const client = new Client(10_000);
  try {
    await client.access({
      host: '127.0.0.1',
      port,
      user,
      password,
      secure,
      secureOptions: { rejectUnauthorized: false },
    });
  } catch (error) {
    client.close();
    throw error;
  }
  return client;
}

/** Downloads a file into memory. */
export async function download(client: Client, remote: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await client.downloadTo(sink, remote);
  return Buffer.concat(chunks);
}

/** The names in a remote folder, sorted. */
export async function names(client: Client, remote = ''): Promise<string[]> {
  return (await client.list(remote)).map((entry) => entry.name).sort();
}
