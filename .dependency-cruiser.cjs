// The import rules of the README's architecture section, checked by `npm run deps` (part of `npm test`).

/** Node's own modules and packages: what a pure module does without. */
const LIBRARIES = ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-file-cycle',
      comment: 'Modules import each other in a circle: move what both need into a third module.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycle',
      comment: 'Server folders import each other in a circle: one of them should own what the other needs.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^server/' },
      to: { circular: true },
    },
    {
      name: 'contract-imports-no-server',
      comment: 'server/contract is what the browser shares: it imports nothing else of the server.',
      severity: 'error',
      from: { path: '^server/contract/' },
      to: { path: '^server/', pathNot: '^server/contract/' },
    },
    {
      name: 'contract-imports-only-zod',
      comment: 'server/contract imports no library but the schema library, so that the browser can load all of it.',
      severity: 'error',
      from: { path: '^server/contract/' },
      to: { dependencyTypes: LIBRARIES, pathNot: '(^|/)node_modules/zod/' },
    },
    {
      name: 'domain-imports-only-contract',
      comment: 'server/domain is the pure reducer: no I/O, nothing of the server but the contract.',
      severity: 'error',
      from: { path: '^server/domain/' },
      to: { path: '^server/', pathNot: '^server/(domain|contract)/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'server/domain does no I/O: no Node modules, no Redis, no sockets.',
      severity: 'error',
      from: { path: '^server/domain/' },
      to: { dependencyTypes: LIBRARIES },
    },
    {
      name: 'sim-shares-only-the-wire',
      comment: 'The simulator is an independent model of a PBX: it shares nothing with the server but the logger.',
      severity: 'error',
      from: { path: '^server/sim/' },
      to: { path: '^server/', pathNot: '^server/(sim/|log\\.ts$|cli-options\\.ts$)' },
    },
    {
      name: 'server-does-not-import-sim',
      comment: 'Only the demo starts the simulator; the server proper never depends on it.',
      severity: 'error',
      from: { path: '^server/', pathNot: '^server/(sim/|demo\\.ts$|demo/)' },
      to: { path: '^server/sim/' },
    },
    {
      name: 'web-imports-only-contract',
      comment: 'The browser imports nothing of the server but server/contract.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^server/', pathNot: '^server/contract/' },
    },
    {
      name: 'server-does-not-import-web',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^web/' },
    },
    {
      name: 'store-below-features',
      comment: 'server/store is below the features: it never imports live, realtime, http or stats.',
      severity: 'error',
      from: { path: '^server/store/' },
      to: { path: '^server/(live|realtime|http|stats)/' },
    },
    {
      name: 'stats-counting-is-pure',
      comment: 'server/stats/counting is the arithmetic of the statistics: no Redis, no transport, testable alone.',
      severity: 'error',
      from: { path: '^server/stats/counting/' },
      to: { path: '^server/', pathNot: '^server/(contract/|domain/|stats/counting/|env\\.ts$)' },
    },
    {
      name: 'stats-counting-does-no-io',
      severity: 'error',
      from: { path: '^server/stats/counting/' },
      to: { dependencyTypes: LIBRARIES, pathNot: '(^|/)node_modules/(zod|date-fns|@date-fns/tz)/' },
    },
    {
      name: 'stats-store-below-transport',
      comment:
        'server/stats/redis stores the statistics; the HTTP routes and socket feed above it use it, not the reverse.',
      severity: 'error',
      from: { path: '^server/stats/redis/' },
      to: { path: '^server/(stats/[^/]+$|realtime/|http/|live/)' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|docs|coverage)/' },
    // Type-only imports count: a cycle of types is still two modules that cannot be read one without the other.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['svelte', 'import', 'node', 'default'],
      extensions: ['.ts', '.js', '.svelte', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
