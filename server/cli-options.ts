import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { configProblem } from './contract/issues.ts';

/** What `npm run <command>` goes on with: its options, or the exit code it stops with. */
export type CommandOptions<T> = { readonly options: T } | { readonly exitCode: number };

/**
 * The options of `npm run <command> -- …`, one for each key of `schema` (a value each, but the `flags`), checked by
 * `schema`, which turns strings into numbers and says what a bad value must be. -h / --help prints `usage` (exit 0);
 * an unknown option, a missing value or a bad one prints one line naming it (exit 2), never a stack trace.
 */
export function commandOptions<S extends z.ZodObject>(
  command: string,
  usage: string,
  argv: readonly string[],
  schema: S,
  flags: readonly string[] = [],
): CommandOptions<z.infer<S>> {
  const options = Object.fromEntries(
    Object.keys(schema.shape).map((name) => [
      name,
      { type: flags.includes(name) ? ('boolean' as const) : ('string' as const) },
    ]),
  );
  let problem: string;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(usage);
      return { exitCode: 0 };
    }
    const parsed = schema.safeParse(values);
    if (parsed.success) return { options: parsed.data };
    problem = parsed.error.issues.map((issue) => `--${issue.path.join('.')} ${configProblem(issue)}`).join('; ');
  } catch (error) {
    // parseArgs goes on to explain how to pass a value that starts with "-": its first sentence is the message.
    problem = (error as Error).message.split('\n')[0]!.replace(/\. .*$/, '');
  }
  process.stderr.write(`${command}: ${problem} (npm run ${command} -- --help lists the options)\n`);
  return { exitCode: 2 };
}
