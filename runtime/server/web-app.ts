/**
 * What the web app needs from the server besides the record API: each level's forms (schema, uiSchema,
 * rules, list columns), and the static files of the Vite build with an index.html fallback so that
 * client routes (/m/<module>/<level>…) survive a reload.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { Hono } from 'hono';
import { isValidatedLevel } from '../../protocol-specs/index.ts';
import { HttpError } from '../http/errors.ts';
import type { ModuleRuntime } from '../modules/load.ts';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

const STATUS_COLUMN = {
  key: 'validation_status',
  label: { fr: 'Statut de validation', en: 'Validation status' },
};

/**
 * GET /api/modules/:code/forms/:level on one module version's app (module-app.ts): built once per
 * level when the version is served; the registry hands it only requests for its own code.
 */
export function mountModuleForms(app: Hono, m: ModuleRuntime): void {
  const forms = new Map<string, unknown>();
  for (const l of m.levels) {
    const labels = new Map(l.level.fields.map((f) => [f.key, f.label]));
    const validated = isValidatedLevel(m.protocol, l.key);
    const columns = l.level.list.map((key) => ({ key, label: labels.get(key) ?? { fr: key, en: key } }));
    forms.set(l.key, {
      schema: l.forms.schema,
      ui: l.forms.ui,
      rules: l.forms.rules,
      // A validated level's table shows (filters, sorts) its validation status too.
      columns: validated ? [...columns, STATUS_COLUMN] : columns,
      validated,
      labels: Object.fromEntries(labels),
      keep: l.level.keep,
      formProps: m.formsIndex.formProps ?? {},
    });
  }
  app.get('/api/modules/:code/forms/:level', (c) => {
    const found = forms.get(c.req.param('level'));
    if (!found) throw new HttpError(404, 'not_found', 'Aucun formulaire pour ce module et ce niveau.');
    return c.json(found);
  });
}

/** Serves `dist` for every GET outside /api; unknown paths get index.html (the client router decides). */
export function mountWebApp(app: Hono, dist: string): void {
  const index = join(dist, 'index.html');
  app.use('*', async (c, next) => {
    const path = c.req.path;
    if (c.req.method !== 'GET' || path === '/api' || path.startsWith('/api/') || !existsSync(index)) {
      return next();
    }
    const file = normalize(join(dist, decodeURIComponent(path)));
    // normalize() folds `..`; anything that leaves dist is answered with the app, never a file outside.
    const inside = file.startsWith(dist + sep);
    const target = inside && existsSync(file) && statSync(file).isFile() ? file : index;
    const hashed = target !== index && path.startsWith('/assets/');
    return new Response(readFileSync(target), {
      headers: {
        'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
        // Vite puts a content hash in asset names: cache them for good; index.html always revalidates.
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
    });
  });
}
