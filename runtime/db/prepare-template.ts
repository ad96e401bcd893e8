/**
 * `npm install` runs this (postinstall): it prepares the cached PGlite + PostGIS template once per
 * machine, so that the first `npm start` restores a database in seconds instead of creating PostGIS, and
 * the slim PostGIS bundle every PGlite start reads (postgis-bundle.ts).
 * Best effort: a failure only costs that first start its ten seconds, so it never fails the install.
 */
import { cachedPgliteTemplate, pgliteTemplate, pgliteTemplateFile } from './pglite-template.ts';
import { slimBundle } from './postgis-bundle.ts';

const started = performance.now();
try {
  slimBundle();
  if (!cachedPgliteTemplate()) {
    await pgliteTemplate();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`suivi: prepared the embedded database template in ${seconds} s (${pgliteTemplateFile()})`);
  }
} catch (error) {
  console.warn(
    `suivi: no embedded database template (${(error as Error).message}); the first start will create it`,
  );
}
