/**
 * What a level's map route (`GET …/<level>/map`) takes and answers, shared by the OpenAPI document and
 * the runtime that serves it: a view (bbox + zoom) and the list's filters; clusters of the matching
 * records on a grid of the Web Mercator map at that zoom, or the records themselves when few match.
 */

/** Leaflet's and the tile servers' deepest zoom. */
export const MAP_MAX_ZOOM = 22;
/** Up to this many records in view, the route answers them one by one (features), not clustered. */
export const MAP_FEATURE_LIMIT = 500;
/**
 * Width of a grid cell in screen pixels: records whose representative point falls in one cell make
 * one cluster. ~1.5 times a cluster circle's width, so circles seldom overlap.
 */
export const MAP_CELL_PIXELS = 64;
/** Query parameter names the map reads besides the list's filters, bbox and q. */
export const MAP_PARAMS = ['zoom'] as const;
