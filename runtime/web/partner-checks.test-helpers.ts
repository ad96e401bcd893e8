/**
 * Checks the partner app's browser tests run on every page: console errors, accessibility (axe-core
 * injected into the page: serious and critical violations), sideways overflow on a phone, and the
 * compressed JavaScript a page load costs (from the responses' encoded body sizes).
 */
import { createRequire } from 'node:module';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';

type Json = Record<string, unknown>;

/** An API call from the page, with its session cookie; throws on a refusal. */
export function call(page: Page, method: string, path: string, body?: unknown): Promise<Json> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const r = await fetch(path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
      return text ? JSON.parse(text) : {};
    },
    { method, path, body },
  );
}

/** Demo records of the signed-in partner's organisation in the amphibian module, for pages to open. */
export async function demoIds(page: Page, module: string) {
  const first = async (path: string) => ((await call(page, 'GET', path)).items as Json[])[0] as Json;
  const site = await first(`/api/modules/${module}/site?page_size=1`);
  const observation = await first(`/api/modules/${module}/observation?page_size=1`);
  const visit = await call(page, 'GET', `/api/modules/${module}/visit/${String(observation.visit_id)}`);
  return {
    site: String(site.id),
    observation: String(observation.id),
    visitWithObservations: String(observation.visit_id),
    siteOfVisit: String(visit.site_id),
  };
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export const PARTNER = { login: 'partenaire.cen', password: 'suivi-cen' } as const;
export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1400, height: 900 } as const;

/** Every console error and page error from now on; `take()` returns them and starts afresh. */
export function consoleErrors(page: Page) {
  let errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`${m.text()} (${page.url()})`);
  });
  page.on('pageerror', (e) => errors.push(`${e.message} (${page.url()})`));
  return {
    take(): string[] {
      const out = errors;
      errors = [];
      return out;
    },
  };
}

/** axe-core's serious and critical violations on the page as it is, one line each. */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[]; passes: unknown[] }> } }
    ).axe;
    interface AxeViolation {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: unknown[] }[];
    }
    const result = await axe.run();
    // A run that checked nothing would pass anything: say so instead.
    if (result.passes.length === 0) return ['axe-core checked no rule'];
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
      );
  });
  return violations.map((v) => `${v} (${page.url()})`);
}

/** How wide the document is against the window: a phone page must not scroll sideways. */
export function widths(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
}

export async function logIn(page: Page, login: string, password: string): Promise<void> {
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form.login button[type=submit]').click();
  await page.locator('form.login').waitFor({ state: 'detached' });
}

/**
 * The compressed bytes of JavaScript one load of `path` fetches, in a fresh context (nothing cached),
 * signed in as `login`, once `ready` is on the page.
 */
export async function compressedJs(
  browser: Browser,
  base: string,
  path: string,
  login: { login: string; password: string },
  ready: string,
): Promise<{ bytes: number; files: Record<string, { bytes: number; encoding: string | undefined }> }> {
  const context = await browser.newContext({ viewport: DESKTOP });
  try {
    await context.addInitScript(() => localStorage.setItem('suivi.tiles', 'none'));
    const signIn = await context.request.post(`${base}/api/auth/login`, {
      data: login,
      headers: { origin: base },
    });
    if (!signIn.ok()) throw new Error(`login failed: ${signIn.status()}`);
    const page = await context.newPage();
    const files: Record<string, { bytes: number; encoding: string | undefined }> = {};
    const pending: Promise<void>[] = [];
    page.on('response', (response) => {
      if (!response.url().endsWith('.js')) return;
      pending.push(
        response
          .request()
          .sizes()
          .then((sizes) => {
            files[new URL(response.url()).pathname] = {
              bytes: sizes.responseBodySize,
              encoding: response.headers()['content-encoding'],
            };
          }),
      );
    });
    await page.goto(`${base}${path}`);
    await page.locator(ready).first().waitFor();
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);
    return { bytes: Object.values(files).reduce((n, f) => n + f.bytes, 0), files };
  } finally {
    await context.close();
  }
}
