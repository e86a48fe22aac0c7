import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { compileMessages } from './messages/compile.ts';

// The app imports the compiled message catalogue (server/contract/messages), generated from messages/.
await compileMessages();

// The web app lives in web/; its build goes to dist/web, which server/http serves.
export default defineConfig({
  root: 'web',
  plugins: [svelte()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // zod and the module that turns its compiling off share one chunk, so that no schema is built before that (see
    // web/jitless.ts): a chunk of schemas evaluated ahead of main.ts's first import would otherwise probe for eval.
    rollupOptions: {
      output: {
        manualChunks: (id: string) =>
          /[\\/]node_modules[\\/]zod[\\/]|[\\/]web[\\/]jitless\.ts$/.test(id) ? 'zod' : undefined,
      },
    },
  },
  server: { proxy: { '/socket.io': { target: 'http://127.0.0.1:8080', ws: true }, '/api': 'http://127.0.0.1:8080' } },
});
