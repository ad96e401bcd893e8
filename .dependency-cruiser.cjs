/** Dependency direction: protocol-specs ← generators ← runtime/builder. Only the CLI entry may import builder/. */
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
      severity: 'error',
      from: { path: '^runtime/' },
      to: { path: '^(builder|bench)/' },
    },
    {
      name: 'nothing-imports-builder',
      comment: 'builder/ is reached only through the CLI entry.',
      severity: 'error',
      from: { path: '^(protocol-specs|generators|runtime|bench)/' },
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
