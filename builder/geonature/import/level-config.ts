/**
 * A level's display settings: `label`, `label_list`, `geometry_type`, `display_properties` (detail),
 * `display_list` (list columns, defaulting to display_properties as in GeoNature), `sorts`, `keep` and
 * `map_label_field_name`. Names that are not fields in Suivi (GeoNature's statistics such as nb_visits,
 * the parent link) are dropped with one warning per setting.
 */
import type { ProtocolSpec } from '../../../protocol-specs/index.ts';
import type { Collector } from './collector.ts';
import { GENERIC_OBJECTS } from './generic-objects.ts';
import { isObject, type JsonObject } from './read-files.ts';

type Level = ProtocolSpec['levels'][number];
export type LevelDisplay = Pick<
  Level,
  'label' | 'plural' | 'geometry' | 'list' | 'detail' | 'sort' | 'keep' | 'mapLabel'
>;

const GEOMETRIES: Readonly<Record<string, 'point' | 'line' | 'polygon'>> = {
  Point: 'point',
  MultiPoint: 'point',
  LineString: 'line',
  MultiLineString: 'line',
  Polygon: 'polygon',
  MultiPolygon: 'polygon',
};

export interface DisplayContext {
  readonly object: string;
  readonly file: string;
  readonly content: JsonObject;
  /** Suivi key of a field that can be listed, by GeoNature key. */
  readonly keyOf: (gnKey: string) => string | undefined;
  readonly collector: Collector;
}

export function levelDisplay(ctx: DisplayContext): LevelDisplay {
  const { content, object } = ctx;
  const generic = GENERIC_OBJECTS[object];
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const label = text(content.label) ?? generic?.label ?? object;
  const plural = text(content.label_list);
  const names = (key: string, fallback?: readonly string[]): string[] | undefined => {
    const value = content[key] ?? fallback;
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      ctx.collector.warn(ctx.file, `/${key}`, 'expected a list of field names: ignored');
      return undefined;
    }
    const mapped = value
      .filter((v): v is string => typeof v === 'string')
      .map((v) => [v, ctx.keyOf(v)] as const);
    const dropped = mapped.filter(([, k]) => k === undefined).map(([v]) => v);
    if (dropped.length > 0 && content[key] !== undefined) {
      ctx.collector.warn(
        ctx.file,
        `/${key}`,
        `${dropped.join(', ')}: not fields in Suivi (GeoNature statistics, links or unknown names), left out`,
      );
    }
    return [...new Set(mapped.flatMap(([, k]) => (k ? [k] : [])))];
  };
  const detail = names('display_properties');
  const list = content.display_list === undefined ? detail : names('display_list');
  const sort = sorts(ctx);
  const keep = names('keep');
  const mapName = text(content.map_label_field_name);
  const mapLabel = mapName ? ctx.keyOf(mapName) : undefined;
  if (mapName && !mapLabel) {
    ctx.collector.warn(
      ctx.file,
      '/map_label_field_name',
      `${mapName} is not a field of this level: left out`,
    );
  }
  const geometry = geometryOf(object, content, ctx);
  return {
    label,
    ...(plural ? { plural } : {}),
    ...(geometry ? { geometry } : {}),
    ...(list && list.length > 0 ? { list } : {}),
    ...(detail && detail.length > 0 ? { detail } : {}),
    ...(sort.length > 0 ? { sort } : {}),
    ...(keep && keep.length > 0 ? { keep } : {}),
    ...(mapLabel ? { mapLabel } : {}),
  };
}

function sorts(ctx: DisplayContext): NonNullable<Level['sort']> {
  const value = ctx.content.sorts;
  if (!Array.isArray(value)) return [];
  return value.flatMap((s, i) => {
    const field = isObject(s) && typeof s.prop === 'string' ? ctx.keyOf(s.prop) : undefined;
    if (!field) {
      ctx.collector.warn(
        ctx.file,
        `/sorts/${i}`,
        'sorts by something that is not a field in Suivi: left out',
      );
      return [];
    }
    return [{ field, direction: isObject(s) && s.dir === 'desc' ? ('desc' as const) : ('asc' as const) }];
  });
}

/** `geometry_type` of a site or group: one type, or a list (any of them). */
function geometryOf(object: string, content: JsonObject, ctx: DisplayContext): Level['geometry'] {
  const raw = content.geometry_type;
  if (raw === undefined)
    return object === 'site' && GENERIC_OBJECTS.site ? { kind: 'any', required: true } : undefined;
  const types = (Array.isArray(raw) ? raw : [raw]).map((t) => GEOMETRIES[String(t)]);
  if (types.some((t) => t === undefined) || types.length === 0) {
    ctx.collector.warn(
      ctx.file,
      '/geometry_type',
      `geometry type ${JSON.stringify(raw)} is unknown: any geometry allowed`,
    );
    return { kind: 'any', required: object === 'site' };
  }
  const kinds = new Set(types);
  const kind = kinds.size === 1 ? ([...kinds][0] as 'point' | 'line' | 'polygon') : 'any';
  return { kind, required: object === 'site' };
}
