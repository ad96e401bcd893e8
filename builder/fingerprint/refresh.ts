/**
 * `npm run gen`'s last step: writes generators/output-fingerprint.json for the examples just generated,
 * or exits 1 when their output changed for the same specs without a GENERATOR_VERSION bump
 * (output-fingerprint.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATOR_VERSION } from '../../generators/core/manifest.ts';
import {
  BUMP_MESSAGE,
  currentFingerprint,
  FINGERPRINT_PATH,
  readFingerprint,
  verdict,
} from './output-fingerprint.ts';

const root = new URL('../../', import.meta.url).pathname;
const current = currentFingerprint(root, GENERATOR_VERSION);
const decided = verdict(readFingerprint(root), current);
if (decided.kind === 'bump') {
  console.error(BUMP_MESSAGE);
  process.exit(1);
}
if (decided.kind === 'refresh') {
  writeFileSync(join(root, FINGERPRINT_PATH), `${JSON.stringify(current, null, 2)}\n`);
  console.log(`${FINGERPRINT_PATH}: refreshed (generator ${GENERATOR_VERSION})`);
}
