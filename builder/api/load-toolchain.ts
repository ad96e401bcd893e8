/** `import('./toolchain.ts')`, once: the generators and the importer load when the builder is first used. */
type Toolchain = typeof import('./toolchain.ts');

let loading: Promise<Toolchain> | undefined;

export const loadToolchain = (): Promise<Toolchain> => {
  loading ??= import('./toolchain.ts');
  return loading;
};
