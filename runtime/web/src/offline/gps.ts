/**
 * The last position the device gave a map field ("my position"), with its accuracy. The accuracy has
 * no field on the server: the local API keeps it beside the outbox operation and the local record
 * whose point is this one (`gps_accuracy_m`), for the user to see; it is never sent.
 */
export interface GpsFix {
  readonly coordinates: readonly [number, number];
  readonly accuracy_m: number;
}

let last: GpsFix | undefined;

export function rememberFix(fix: GpsFix): void {
  last = fix;
}

/** The accuracy of the fix a geometry was placed at, when it is a point at that fix. */
export function accuracyOf(geometry: unknown): number | undefined {
  if (!last || !geometry || typeof geometry !== 'object') return undefined;
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (g.type !== 'Point' || !Array.isArray(g.coordinates)) return undefined;
  const [x, y] = g.coordinates as number[];
  return x === last.coordinates[0] && y === last.coordinates[1] ? last.accuracy_m : undefined;
}
