/**
 * The modules a running server serves, changeable while it runs: per module code, the current version's
 * runtime, its prepared record plan and its own Hono app (record routes, forms, OpenAPI document), and the
 * modules that wait for an upgrade or could not start.
 *
 * Requests look their module up here when they start and are handed to that version's app, so a swap
 * (`serve`, `withdraw`) changes what new requests see, while requests already in flight finish on the
 * version they started with. A swap replaces one map entry once the new version's app is built: there is
 * no moment where a module is half one version and half the other. `generation` grows at every change,
 * so what is derived from the whole list (the core OpenAPI document, `GET /api/modules`) is rebuilt
 * only when it changed (`perGeneration`).
 */
import type { Hono } from 'hono';
import type { ModulePlan } from '../records/model/module-plan.ts';
import type { ModuleRuntime } from './load.ts';
import type { PendingPlan } from './pending-plan.ts';

/** One module version as served. */
export interface ServedModule {
  readonly runtime: ModuleRuntime;
  readonly plan: ModulePlan;
  /** Answers every `/api/modules/<code>/…` request of this version. */
  readonly app: Hono;
}

/**
 * A module folder the server does not serve as it is: either it changes the schema of an installed
 * module holding data (an upgrade waits; the installed version is served meanwhile when the database
 * has its files), or it failed to start (an unreadable folder, a failing SQL file).
 */
export interface PendingModule {
  /** The folder's module code; the folder's name when its manifest could not be read. */
  readonly code: string;
  readonly folder: string;
  readonly kind: 'upgrade' | 'failed';
  readonly installedVersion: number | null;
  readonly folderVersion: number | null;
  /** Whether the installed version is served meanwhile. */
  readonly serving: boolean;
  /** For people (and the start log): why the folder is not served. */
  readonly reason: string;
  /** For an upgrade: the steps of the folder's plan chain from the installed version, or why there are none. */
  readonly plan?: PendingPlan;
}

const byCode = <T extends { readonly code: string }>(a: T, b: T) =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0;

export class ModuleRegistry {
  readonly #served = new Map<string, ServedModule>();
  readonly #pending = new Map<string, PendingModule>();
  #generation = 0;
  #changes: Promise<unknown> = Promise.resolve();

  /** `build` makes a version's served form (its app): given by the server, which knows the routes. */
  constructor(private readonly build: (runtime: ModuleRuntime) => ServedModule) {}

  get generation(): number {
    return this.#generation;
  }

  /** The version serving `code` now; own keys only (a code is user input). */
  served(code: string): ServedModule | undefined {
    return this.#served.get(code);
  }

  /** Served modules by code. */
  list(): ServedModule[] {
    return [...this.#served.values()].sort((a, b) => byCode(a.runtime, b.runtime));
  }

  runtimes(): ModuleRuntime[] {
    return this.list().map((s) => s.runtime);
  }

  runtime(code: string): ModuleRuntime | undefined {
    return this.#served.get(code)?.runtime;
  }

  /** Builds `runtime`'s app, then makes it the version serving its code, in one step. */
  serve(runtime: ModuleRuntime): ServedModule {
    const served = this.build(runtime);
    this.#served.set(runtime.code, served);
    this.#generation++;
    return served;
  }

  /** Stops serving `code`: its routes answer 404 from the next request on. */
  withdraw(code: string): void {
    if (this.#served.delete(code)) this.#generation++;
  }

  pending(): PendingModule[] {
    return [...this.#pending.values()].sort(byCode);
  }

  pendingOf(code: string): PendingModule | undefined {
    return this.#pending.get(code);
  }

  setPending(pending: PendingModule): void {
    this.#pending.set(pending.code, pending);
    this.#generation++;
  }

  clearPending(code: string): void {
    if (this.#pending.delete(code)) this.#generation++;
  }

  /**
   * Runs `work` (an install, upgrade or uninstall and its swap) after every change queued before it:
   * one change at a time, whoever asks (the admin API, the builder's publish), so two administrators
   * cannot upgrade one module twice. A failed change does not stop the next.
   */
  change<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#changes.then(work, work);
    this.#changes = run.catch(() => undefined);
    return run;
  }

  /** `derive()` of the registry as it is, recomputed only after a change. */
  perGeneration<T>(derive: () => T): () => T {
    let cached: { generation: number; value: T } | undefined;
    return () => {
      if (cached?.generation !== this.#generation) cached = { generation: this.#generation, value: derive() };
      return cached.value;
    };
  }
}
