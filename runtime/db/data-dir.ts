/**
 * Where PGlite keeps its files, apart from pglite.ts: the server's usage text and `openDatabase` need
 * these names without loading PGlite's WASM engine (~50 MB resident), which a PostgreSQL server never uses.
 */
export const DEFAULT_DATA_DIR = './data';
export const IN_MEMORY = 'memory://';
