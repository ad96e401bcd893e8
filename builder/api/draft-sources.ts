/**
 * Where a new draft starts (`POST /api/builder/drafts`): a blank protocol, an example, a spec the
 * designer uploaded, or the installed version of a module. Its base version is the installed version of
 * its code, if any: publishing it then upgrades that module.
 */
import { SCHEMA_ID } from '../../protocol-specs/index.ts';
import type { Body } from '../../runtime/auth/request-body.ts';
import type { BuilderContext } from './context.ts';
import { type Spec, specCode } from './drafts-store.ts';
import { readExample } from './examples.ts';
import { invalidField, specField } from './inputs.ts';
import { installedProtocol, installedSpec } from './installed.ts';

export const DRAFT_SOURCES = ['blank', 'example', 'spec', 'installed'] as const;
export type DraftSource = (typeof DRAFT_SOURCES)[number];

function text(body: Body, key: string, max: number): string {
  const value = body[key];
  if (typeof value !== 'string' || value.trim() === '' || value.length > max)
    throw invalidField(key, 'required', `« ${key} » : texte non vide de ${max} caractères au plus.`);
  return value.trim();
}

function blank(body: Body): Spec {
  const label = body.label;
  const labels = (typeof label === 'object' && label !== null ? label : {}) as Record<string, unknown>;
  if (typeof labels.fr !== 'string' || labels.fr.trim() === '')
    throw invalidField('label', 'required', '« label.fr » : le nom du protocole en français.');
  const en = typeof labels.en === 'string' && labels.en.trim() !== '' ? labels.en : labels.fr;
  return {
    $schema: SCHEMA_ID,
    code: text(body, 'code', 63),
    version: 1,
    label: { fr: labels.fr, en },
    taxonomy: { scope: 'all' },
    levels: [],
  };
}

/** A relative `$schema` (as the examples have) means nothing in the browser: the published schema's id. */
const withSchemaId = (spec: Spec): Spec => ({ ...spec, $schema: SCHEMA_ID });

const SOURCES = {
  blank: async (body) => blank(body),
  example: async (body, context) => {
    const name = text(body, 'name', 200);
    const spec = readExample(context.examplesRoot, name);
    if (!spec)
      throw invalidField('name', 'unknown_example', `« name » : aucun exemple ne s’appelle « ${name} ».`);
    return withSchemaId(spec);
  },
  spec: async (body) => specField(body),
  installed: async (body, context) => {
    const code = text(body, 'code', 63);
    const installed = await installedProtocol(context.db, code);
    if (!installed)
      throw invalidField('code', 'not_installed', `« code » : aucun module « ${code} » n’est installé.`);
    return withSchemaId(await installedSpec(installed, context.modulesDir));
  },
} as const satisfies Record<DraftSource, (body: Body, context: BuilderContext) => Promise<Spec>>;

/** The spec a new draft starts from, and its base version (the installed version of its code, or null). */
export async function draftStart(
  body: Body,
  context: BuilderContext,
): Promise<{ spec: Spec; baseVersion: number | null }> {
  const from = body.from;
  if (typeof from !== 'string' || !(DRAFT_SOURCES as readonly string[]).includes(from))
    throw invalidField('from', 'type', `« from » : une valeur parmi ${DRAFT_SOURCES.join(', ')}.`);
  const spec = await SOURCES[from as DraftSource](body, context);
  const installed = await installedProtocol(context.db, specCode(spec));
  return { spec, baseVersion: installed?.version ?? null };
}
