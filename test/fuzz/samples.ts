/**
 * Real values of the instance under test, read from its own answers before fuzzing: what each property
 * name holds (a `visit_id` a visit has, a `geometry`, a `cd_nom`), the objects of each list (bases for
 * request bodies), and the ids each collection lists (`GET /x` gives the `{id}`s of `/x/{id}`). With them
 * the generated requests reach past "no such record" into validation, rules and the database.
 */
import type { Json } from './openapi-walk.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PER_KEY = 40;
const MAX_OBJECTS = 2_000;

export class Samples {
  private readonly values = new Map<string, Map<string, unknown>>();
  private readonly collections = new Map<string, string[]>();
  readonly objects: Json[] = [];
  private readonly allUuids = new Set<string>();

  /** @param protectedIds ids never offered for a path (the fuzzing accounts: no one disables them). */
  constructor(private readonly protectedIds: ReadonlySet<string>) {}

  /** Reads one answer of `GET path` (a JSON value). */
  add(path: string, answer: unknown): void {
    const ids: string[] = [];
    const walk = (value: unknown, key: string | undefined, depth: number) => {
      if (typeof value === 'string' && UUID.test(value)) this.allUuids.add(value.toLowerCase());
      if (key !== undefined) this.remember(key, value);
      if (Array.isArray(value)) {
        for (const item of value) walk(item, key, depth + 1);
      } else if (value && typeof value === 'object') {
        const object = value as Json;
        if (depth <= 3 && typeof object.id === 'string' && UUID.test(object.id)) ids.push(object.id);
        if (Object.keys(object).length >= 3 && this.objects.length < MAX_OBJECTS) this.objects.push(object);
        for (const [k, v] of Object.entries(object)) walk(v, k, depth + 1);
      }
    };
    walk(answer, undefined, 0);
    const pool = ids.filter((id) => !this.protectedIds.has(id));
    if (pool.length > 0) this.collections.set(path, [...new Set(pool)]);
  }

  private remember(key: string, value: unknown) {
    if (value === null || value === undefined) return;
    const text = JSON.stringify(value);
    if (text.length > 2_000) return;
    const seen = this.values.get(key) ?? new Map<string, unknown>();
    this.values.set(key, seen);
    if (seen.size < PER_KEY && !seen.has(text)) seen.set(text, value);
  }

  /** Values seen under the property `key`, in the order first seen. */
  byKey(key: string): readonly unknown[] {
    return [...(this.values.get(key)?.values() ?? [])];
  }

  /** The ids listed by the longest collection path that `path` extends (`/x/{id}/y` → `GET /x`). */
  idsFor(path: string, parameter: string): readonly string[] {
    const at = path.indexOf(`/{${parameter}}`);
    if (at < 0) return [];
    return this.collections.get(path.slice(0, at)) ?? this.uuids;
  }

  /** Every UUID seen, except the protected ones. */
  get uuids(): readonly string[] {
    return [...this.allUuids].filter((id) => !this.protectedIds.has(id)).slice(0, 500);
  }
}
