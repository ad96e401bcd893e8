/**
 * The types generator: `<code>.ts`, the TypeScript types of a protocol's records — one interface per
 * level compiled from the forms' JSON Schema with json-schema-to-typescript (so forms, validation and
 * types cannot disagree), the API envelope and parent links, the `Records` map, and the module's tables
 * as a Kysely `Database` (database-types.ts) for extension code.
 */
import { compile, type Options } from 'json-schema-to-typescript';
import type { ResolvedProtocol } from '../../protocol-specs/index.ts';
import { banner } from '../core/banner.ts';
import type { Generator } from '../core/generated-file.ts';
import { buildLevelSchema } from '../forms/level-schema.ts';
import { databaseTypeNames, databaseTypes } from './database-types.ts';
import { levelTypeName, recordTypeName } from './naming.ts';
import { ENVELOPE_TYPE, recordTypes } from './record-types.ts';
import { typeScriptSchema } from './ts-schema.ts';

const COMPILE_OPTIONS: Partial<Options> = {
  bannerComment: '',
  // Every object of the forms says `additionalProperties: false`; this also keeps index signatures out.
  additionalProperties: false,
  strictIndexSignatures: true,
  // Otherwise `maxItems: 10` expands into a union of eleven tuple types.
  ignoreMinAndMaxItems: true,
  unknownAny: true,
  format: true,
};

/** Two levels must not produce one name (`site_record` beside `site`): fail with the culprits named. */
function checkNames(protocol: ResolvedProtocol): void {
  const names = [
    ENVELOPE_TYPE,
    'Records',
    ...protocol.levels.flatMap((l) => [
      levelTypeName(protocol.code, l.key),
      recordTypeName(protocol.code, l.key),
    ]),
    ...databaseTypeNames(protocol),
  ];
  const clash = names.find((name, i) => names.indexOf(name) !== i);
  if (clash) throw new Error(`protocol ${protocol.code}: two of its types would be named ${clash}`);
}

export const typesGenerator: Generator = {
  description: 'TypeScript types of the records of each level',
  async generate(protocol, context) {
    checkNames(protocol);
    const interfaces: string[] = [];
    // One at a time: the output order is the level order, whatever the compiler's timing.
    for (const level of protocol.levels) {
      const description = `The data of a record of level \`${level.key}\`, as its form edits it.`;
      const schema = typeScriptSchema({ ...buildLevelSchema(protocol, level), description });
      interfaces.push(await compile(schema, levelTypeName(protocol.code, level.key), COMPILE_OPTIONS));
    }
    const source = [
      banner('ts', protocol, context),
      ...interfaces,
      recordTypes(protocol),
      databaseTypes(protocol),
    ].join('\n');
    return [{ path: `${protocol.code}.ts`, contents: `${source.trimEnd()}\n` }];
  },
};
