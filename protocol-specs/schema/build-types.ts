import { writeFileSync } from 'node:fs';
import { renderAuthoredTypes, renderSchemaJson, SCHEMA_FILE, TYPES_FILE } from './build-schema.ts';

writeFileSync(SCHEMA_FILE, renderSchemaJson());
writeFileSync(TYPES_FILE, await renderAuthoredTypes());
console.log(`wrote ${SCHEMA_FILE.pathname} and ${TYPES_FILE.pathname}`);
