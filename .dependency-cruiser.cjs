/**
 * Dependency direction: protocol-specs ← generators ← runtime/builder. Only the two entries may import
 * builder/: the CLI's (builder/cli/bin.mjs) and the server's (runtime/server/main.ts), which hands the
 * protocol builder's API (builder/api) to the app as a plugin (runtime/server/app-plugin.ts).
 */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'protocol-specs-is-the-bottom',
      comment: 'The spec language imports nothing of ours above it.',
      severity: 'error',
      from: { path: '^protocol-specs/' },
      to: { path: '^(generators|runtime|builder|bench)/' },
    },
    {
      name: 'generators-only-use-specs',
      severity: 'error',
      from: { path: '^generators/' },
      to: { path: '^(runtime|builder|bench)/' },
    },
    {
      name: 'runtime-reads-the-module-model',
      comment:
        'The runtime reaches generated modules through generators/model/index.ts (the module model, file paths, shared constants), never generator internals; tests may build models.',
      severity: 'error',
      from: { path: '^runtime/', pathNot: '[.]test(-helpers)?[.]ts$' },
      to: { path: '^generators/', pathNot: '^generators/model/index[.]ts' },
    },
    {
      name: 'runtime-does-not-use-builder',
      comment: 'Except the server entry, which wires the builder API in as a plugin.',
      severity: 'error',
      from: { path: '^runtime/', pathNot: '^runtime/server/main[.]ts$' },
      to: { path: '^(builder|bench)/' },
    },
    {
      name: 'nothing-imports-builder',
      comment:
        'builder/ is reached only through the CLI entry and the server entry (runtime/server/main.ts).',
      severity: 'error',
      from: { path: '^(protocol-specs|generators|runtime|bench)/', pathNot: '^runtime/server/main[.]ts$' },
      to: { path: '^builder/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The web build's bundles (chunks import each other) are output, not source.
    exclude: { path: '(^node_modules|/generated/|^runtime/web/dist)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
