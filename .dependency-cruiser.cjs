// The import rules of the README's architecture section, checked by `npm run deps` (part of `npm test`).

/** Node's own modules and packages: what a pure module does without. */
const LIBRARIES = ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'];

/** The modules at the top of server/ that every part may use. */
const SHARED = '(log|env|config|refusal|i18n|gate|json-body|cli-options|timers|redis-client)\\.ts$';
/** The spine the features stand on: ami → domain → store → realtime, and the contract they all share. */
const SPINE = ['contract', 'domain', 'ami', 'store', 'realtime'];

/** A rule that modules under `from` import nothing of the server but `allowed` (folders and shared files). */
function importsOnly(name, comment, from, allowed) {
  return { name, comment, severity: 'error', from: { path: from }, to: { path: '^server/', pathNot: allowed } };
}

/** `importsOnly` for server/<folder>: its own files, the listed folders and the shared modules. */
function layer(folder, folders, comment) {
  return importsOnly(
    `layer-${folder}`,
    comment,
    `^server/${folder}/`,
    `^server/((${[folder, ...folders].join('|')})/|${SHARED})`,
  );
}

/** A rule that modules under `from` use no Node module and no package but `allowed`: they do no I/O. */
function usesNoLibraries(name, comment, from, allowed = '$^') {
  return {
    name,
    comment,
    severity: 'error',
    from: { path: from },
    to: { dependencyTypes: LIBRARIES, pathNot: allowed },
  };
}

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
    importsOnly(
      'contract-imports-no-server',
      'server/contract is what the browser shares: it imports nothing else of the server.',
      '^server/contract/',
      '^server/contract/',
    ),
    usesNoLibraries(
      'contract-imports-only-zod',
      'server/contract imports no library but the schema library, so that the browser can load all of it.',
      '^server/contract/',
      '(^|/)node_modules/zod/',
    ),
    importsOnly(
      'domain-imports-only-contract',
      'server/domain is the pure reducer: no I/O, nothing of the server but the contract.',
      '^server/domain/',
      '^server/(domain|contract)/',
    ),
    usesNoLibraries(
      'domain-is-pure',
      'server/domain does no I/O: no Node modules, no Redis, no sockets.',
      '^server/domain/',
    ),
    layer('ami', ['domain', 'contract'], 'The AMI layer feeds the reducer; it knows nothing above it.'),
    layer('store', ['domain', 'contract'], 'server/store is below the features: it keeps what the reducer made.'),
    layer('realtime', ['contract'], 'The transport delivers facts; features and access hand it what it needs.'),
    layer('access', SPINE, 'Access stands on the spine; it hands its decisions down as functions.'),
    layer('holder', ['ami', 'domain', 'contract'], 'Requests to the AMI lease holder stand on the AMI layer only.'),
    layer('stats', SPINE, 'The statistics stand on the spine only.'),
    layer('live', [...SPINE, 'stats'], 'The live board stands on the spine and the statistics.'),
    ...['chat', 'layouts'].map((feature) =>
      layer(feature, [...SPINE, 'access', 'stats'], 'A feature stands on the spine, access and the statistics.'),
    ),
    ...['monitoring', 'agent-actions', 'callbacks'].map((feature) =>
      layer(
        feature,
        [...SPINE, 'access', 'stats', 'holder'],
        'A feature acting on calls or agents stands on the spine, access and the statistics, and asks the AMI lease holder to act.',
      ),
    ),
    layer(
      'alerts',
      [...SPINE, 'access', 'stats'],
      'Alerts stand on the spine, access and the statistics whose figures they watch.',
    ),
    layer(
      'backup',
      [...SPINE, 'access', 'stats', 'recordings', 'alerts'],
      'The backup stands on the spine, access, the statistics and the recording settings and alert rules it saves.',
    ),
    importsOnly(
      'shared-modules-import-only-contract',
      'The modules at the top of server/ serve every part: they import only the contract (config.ts the settings schemas).',
      `^server/${SHARED}`,
      `^server/(contract/|${SHARED}|stats/counting/settings\\.ts$|recordings/config\\.ts$)`,
    ),
    {
      name: 'only-start-composes',
      comment: 'Only start.ts and the demo build the whole server; nothing imports them.',
      severity: 'error',
      from: { path: '^server/', pathNot: '^server/(start\\.ts|demo\\.ts|demo/)' },
      to: { path: '^server/(compose|start|demo)\\.ts$|^server/demo/' },
    },
    importsOnly(
      'sim-shares-only-the-wire',
      'The simulator is an independent model of a PBX: it shares nothing with the server but the logger.',
      '^server/sim/',
      '^server/(sim/|log\\.ts$|cli-options\\.ts$)',
    ),
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
    importsOnly(
      'stats-counting-is-pure',
      'server/stats/counting is the arithmetic of the statistics: no Redis, no transport, testable alone.',
      '^server/stats/counting/',
      '^server/(contract/|domain/|stats/counting/|env\\.ts$)',
    ),
    usesNoLibraries(
      'stats-counting-does-no-io',
      'server/stats/counting computes; it reads nothing and sends nothing.',
      '^server/stats/counting/',
      '(^|/)node_modules/(zod|date-fns|@date-fns/tz)/',
    ),
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
