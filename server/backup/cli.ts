/** `npm run backup -- export | restore <file> | allow-setup` (see command.ts). */
import { logger } from '../log.ts';
import { runBackupCommand } from './command.ts';

process.exitCode = await runBackupCommand(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  log: logger('backup'),
});
