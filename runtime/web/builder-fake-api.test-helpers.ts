/**
 * A stand-in for /api/builder for the builder's UI test: drafts kept in memory, `validate` and
 * `preview` answered by the real validator and forms generator, and a switch that makes the next save
 * answer 409 as if another designer had saved. The real routes are tested with the real server in
 * builder.browser.test.ts; this one pins the page's own behaviour (undo, two-way JSON, conflicts…).
 */
import { readFileSync } from 'node:fs';
import type { Route } from 'playwright-core';
import { buildLevelRules } from '../../generators/forms/form-rules.ts';
import { buildLevelSchema } from '../../generators/forms/level-schema.ts';
import { buildLevelUiSchema } from '../../generators/forms/ui-schema.ts';
import { compileProtocol, validateSpecText } from '../../protocol-specs/index.ts';

type Json = Record<string, unknown>;

export interface FakeBuilderApi {
  handle(route: Route): Promise<void>;
  /** The next PUT of a draft answers 409, saved meanwhile by `login`, whose spec becomes `spec`. */
  conflictOnNextSave(login: string, spec: Json): void;
  readonly saves: Json[];
}

function diagnosticsOf(spec: unknown) {
  const text = JSON.stringify(spec, null, 2);
  const checked = validateSpecText(text);
  return checked.diagnostics.map((d) => ({ ...d, ...checked.locate(d) }));
}

export function fakeBuilderApi(account: Json): FakeBuilderApi {
  const drafts = new Map<string, { spec: Json; row_version: number; updated_by: { login: string } }>();
  const saves: Json[] = [];
  let conflict: { login: string; spec: Json } | null = null;
  const installed = new Map<string, number>();
  let next = 1;
  const json = (route: Route, status: number, body: unknown) =>
    route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  const draftOf = (id: string) => {
    const d = drafts.get(id);
    return (
      d && {
        id,
        code: String(d.spec.code),
        base_version: null,
        updated_at: new Date(0).toISOString(),
        revisions: 1,
        ...d,
      }
    );
  };
  return {
    saves,
    conflictOnNextSave(login, spec) {
      conflict = { login, spec };
    },
    async handle(route) {
      const request = route.request();
      const url = new URL(request.url());
      const path = url.pathname;
      const body = request.postData() ? (JSON.parse(request.postData() ?? '{}') as Json) : {};
      if (path === '/api/auth/me') return json(route, 200, account);
      if (path === '/api/modules') return json(route, 200, { modules: [] });
      if (path === '/api/builder/protocols')
        return json(route, 200, {
          installed: [
            {
              code: 'amphibiens_mares',
              version: 3,
              label: { fr: 'Amphibiens des mares', en: 'Pond amphibians' },
              pendingUpgrade: false,
            },
          ],
          drafts: [...drafts.keys()].map((id) => draftOf(id)),
          examples: [{ name: 'chiro_gites', code: 'chiro_gites', label: { fr: 'Gîtes à chiroptères' } }],
        });
      if (path === '/api/builder/drafts' && request.method() === 'POST') {
        const id = `d${next++}`;
        const spec = {
          code: body.code,
          version: 1,
          label: body.label,
          taxonomy: { scope: 'all' },
          levels: [],
        };
        drafts.set(id, { spec, row_version: 1, updated_by: { login: 'admin' } });
        return json(route, 201, draftOf(id));
      }
      const draft = /^\/api\/builder\/drafts\/([^/]+)$/.exec(path);
      if (draft?.[1] && request.method() === 'GET') return json(route, 200, draftOf(draft[1]));
      if (draft?.[1] && request.method() === 'PUT') {
        const stored = drafts.get(draft[1]);
        if (!stored) return json(route, 404, []);
        if (conflict) {
          drafts.set(draft[1], {
            spec: conflict.spec,
            row_version: stored.row_version + 1,
            updated_by: { login: conflict.login },
          });
          const who = conflict.login;
          conflict = null;
          return json(route, 409, [
            {
              path: '/row_version',
              code: 'stale',
              message: 'stale',
              current_row_version: stored.row_version + 1,
              updated_by: { login: who },
            },
          ]);
        }
        if (body.row_version !== stored.row_version)
          return json(route, 409, [{ path: '/row_version', code: 'stale', message: 'stale' }]);
        saves.push(body.spec as Json);
        drafts.set(draft[1], {
          spec: body.spec as Json,
          row_version: stored.row_version + 1,
          updated_by: { login: 'admin' },
        });
        return json(route, 200, { row_version: stored.row_version + 1, revision: saves.length });
      }
      if (path === '/api/builder/validate') {
        const diagnostics = diagnosticsOf(body.spec);
        return json(route, 200, { ok: !diagnostics.some((d) => d.severity === 'error'), diagnostics });
      }
      if (path === '/api/builder/preview') {
        const compiled = compileProtocol(body.spec);
        const diagnostics = diagnosticsOf(body.spec);
        if (!compiled.ok)
          return json(route, 200, {
            ok: false,
            diagnostics,
            levels: [],
            files: { dictionary: '', sql: '', openapi: {} },
          });
        const p = compiled.protocol;
        return json(route, 200, {
          ok: true,
          diagnostics,
          levels: p.levels.map((l) => ({
            key: l.key,
            label: l.label,
            parents: l.parents,
            forms: {
              schema: buildLevelSchema(p, l),
              ui: buildLevelUiSchema(p, l),
              rules: buildLevelRules(p, l),
            },
          })),
          files: {
            dictionary: `# ${p.code}`,
            sql: `CREATE SCHEMA ${p.code};`,
            openapi: { openapi: '3.1.0' },
          },
        });
      }
      if (path === '/api/builder/diff') {
        const code = String((body.spec as Json).code);
        const from = installed.get(code) ?? null;
        const change = {
          kind: 'label-changed',
          class: 'metadata',
          path: '/label',
          message: { fr: 'Libellé changé', en: 'Label changed' },
        };
        return json(route, 200, {
          installed: from,
          diff: { from: from ?? 0, to: (body.spec as Json).version, changes: from ? [change] : [] },
        });
      }
      if (path === '/api/builder/plan') {
        const from = installed.get(String((body.spec as Json).code)) ?? null;
        if (from === null) return json(route, 200, { installed: null, plan: null, dryRun: null });
        const step = {
          id: 'observation.nombre.min',
          class: 'data_dependent',
          description: { fr: 'Ajoute min 0 à nombre', en: 'Adds min 0 to nombre' },
        };
        const to = (body.spec as Json).version;
        return json(route, 200, {
          installed: from,
          plan: { from, to, steps: [step] },
          dryRun: { status: 'dry_run', from, to, steps: [{ ...step, rows: 2, ok: false }] },
        });
      }
      const published = /^\/api\/builder\/drafts\/([^/]+)\/publish$/.exec(path);
      if (published?.[1]) {
        const stored = drafts.get(published[1]);
        if (!stored) return json(route, 404, []);
        installed.set(String(stored.spec.code), Number(stored.spec.version));
        return json(route, 200, {
          module: { code: stored.spec.code, version: stored.spec.version },
          report: {},
        });
      }
      return json(route, 404, [{ path: '', code: 'not_found', message: `fake: ${path}` }]);
    },
  };
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: import('playwright-core').Page): Promise<string[]> {
  await page.addScriptTag({ content: readFileSync('node_modules/axe-core/axe.min.js', 'utf8') });
  const found = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            o: unknown,
          ) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.targets.slice(0, 3).join(', ')}`);
}
