import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { compileMessages } from './messages/compile.ts';

// Server and web alike import the compiled message catalogue (server/contract/messages), generated from messages/.
await compileMessages();

// One project per environment: server-side suites in node; the web app's logic and widgets compiled by the Svelte
// plugin (server build, no DOM); e2e suites drive real Chromium, one file at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          globalSetup: ['test/support/global-redis.ts'],
        },
      },
      {
        plugins: [svelte()],
        test: { name: 'web', include: ['web/**/*.test.ts'], environment: 'node' },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          globalSetup: ['test/support/global-redis.ts'],
        },
      },
    ],
  },
});
