/**
 * What the import wizard asks the server besides templates: the fields a template may map for a level
 * and its ancestors (labels, kinds, required, codes: module-fields.ts), and a suggested template for an
 * inspected file (runtime/import/suggest). Both read the module as served; both need the module's
 * create grant, as importing does.
 */
import type { Hono } from 'hono';
import { readObject } from '../../auth/request-body.ts';
import { HttpError, invalid } from '../../http/errors.ts';
import type { ModuleRegistry } from '../../modules/registry.ts';
import { ancestorsOf, levelFields, mappableFields } from '../module-fields.ts';
import { type InspectedFile, suggestTemplate } from '../suggest/index.ts';
import type { ImportFormat } from '../template.ts';
import { MAX_NAME_LENGTH } from './check-template.ts';
import { requireModule, TEMPLATES_PATH } from './template-routes.ts';

/** A suggestion reads the preview only: more rows than the inspection gives are not needed. */
const MAX_PREVIEW_ROWS = 200;
const FORMATS: readonly ImportFormat[] = ['csv', 'xlsx', 'geojson'];

const problem = (path: string, message: string) => invalid([{ path, code: 'invalid', message }]);

function moduleAndLevel(registry: ModuleRegistry, code: unknown, level: unknown, where: 'query' | 'body') {
  const at = (k: string) => (where === 'query' ? `/query/${k}` : `/${k}`);
  const module = typeof code === 'string' ? registry.runtime(code) : undefined;
  if (!module)
    throw new HttpError(404, 'not_found', `Le module ${String(code)} n’est pas servi.`, [
      { path: at('module'), code: 'not_found', message: `Le module ${String(code)} n’est pas servi.` },
    ]);
  const found = module.levels.find((l) => l.key === level);
  if (!found)
    throw new HttpError(404, 'not_found', `Le module ${module.code} n’a pas de niveau ${String(level)}.`, [
      {
        path: at('level'),
        code: 'not_found',
        message: `Le module ${module.code} n’a pas de niveau ${String(level)}.`,
      },
    ]);
  return { module, level: found };
}

function inspectedFile(value: unknown): InspectedFile {
  if (typeof value !== 'object' || value === null)
    throw problem('/file', 'Un objet { source, columns, preview }.');
  const f = value as Record<string, unknown>;
  const source = f.source as Record<string, unknown> | undefined;
  if (!source || !FORMATS.includes(source.format as ImportFormat))
    throw problem('/file/source/format', `Un format parmi ${FORMATS.join(', ')}.`);
  if (!Array.isArray(f.columns) || f.columns.some((c) => typeof c !== 'string'))
    throw problem('/file/columns', 'Une liste de noms de colonnes.');
  const preview = f.preview ?? [];
  if (
    !Array.isArray(preview) ||
    preview.length > MAX_PREVIEW_ROWS ||
    preview.some(
      (r) => typeof r !== 'object' || r === null || Object.values(r).some((v) => typeof v !== 'string'),
    )
  )
    throw problem('/file/preview', `Au plus ${MAX_PREVIEW_ROWS} lignes, chacune un objet colonne → texte.`);
  return {
    source: source as unknown as InspectedFile['source'],
    columns: f.columns as string[],
    preview: preview as Record<string, string>[],
    has_feature_geometry: f.has_feature_geometry === true,
  };
}

export function mountImportAssist(app: Hono, registry: ModuleRegistry): void {
  app.get(`${TEMPLATES_PATH}/fields`, (c) => {
    const { module, level } = moduleAndLevel(registry, c.req.query('module'), c.req.query('level'), 'query');
    requireModule(c, registry, module.code);
    const levels = [level.key, ...ancestorsOf(module, level.key)].flatMap((key) => {
      const l = module.levels.find((x) => x.key === key);
      return l
        ? [{ key, label: l.label, parents: l.parents, fields: mappableFields(levelFields(module, l)) }]
        : [];
    });
    return c.json({ module: module.code, level: level.key, levels });
  });

  app.post(`${TEMPLATES_PATH}/suggest`, async (c) => {
    const body = await readObject(c);
    const { module, level } = moduleAndLevel(registry, body.module, body.level, 'body');
    requireModule(c, registry, module.code);
    const text = (v: unknown, fallback: string) =>
      typeof v === 'string' && v.trim() !== '' ? v.slice(0, MAX_NAME_LENGTH) : fallback;
    const suggestion = suggestTemplate({
      module,
      level: level.key,
      provider: text(body.provider, 'Fournisseur'),
      name: text(body.name, 'Modèle'),
      file: inspectedFile(body.file),
    });
    return c.json(suggestion);
  });
}
