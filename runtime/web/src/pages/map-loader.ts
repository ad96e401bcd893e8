/**
 * Loading a map view tile by tile: on each move (debounced), the tiles of the view at its zoom, each
 * from a small cache or fetched; the requests of a view the user already left are aborted, so a slow
 * answer never draws over a newer one. One loader per query (filters): a new query, a new cache.
 */
import type L from 'leaflet';
import { api } from '../api.ts';
import { type MapAnswer, mergeTiles, type Tile, tileBbox, tilesOf } from './map-tiles.ts';

const DEBOUNCE_MS = 200;
const CACHE_SIZE = 400;

export type Merged = ReturnType<typeof mergeTiles>;

export interface TileLoader {
  /** Loads the map's current view soon (moves in quick succession load once). */
  schedule(): void;
  dispose(): void;
}

export function tileLoader(
  map: L.Map,
  /** The URL of one tile's answer. */
  urlOf: (bbox: readonly number[], zoom: number) => string,
  on: { loading(): void; loaded(view: Merged): void; failed(message: string): void },
): TileLoader {
  const cache = new Map<string, MapAnswer>();
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function fetchTile(url: string, signal: AbortSignal): Promise<MapAnswer> {
    const known = cache.get(url);
    if (known) return known;
    // Offline, the device's records answer (api.ts; no cache: an entry made here shows at once).
    if (!navigator.onLine) return api.get<MapAnswer>(url);
    const response = await fetch(url, { credentials: 'same-origin', signal });
    const body: unknown = await response.json();
    if (!response.ok) {
      const problems = Array.isArray(body) ? (body as { message?: string }[]) : [];
      throw new Error(problems.map((p) => p.message).join(' ') || `HTTP ${response.status}`);
    }
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(url, body as MapAnswer);
    return body as MapAnswer;
  }

  async function load() {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    const zoom = map.getZoom();
    const pixels = map.getPixelBounds();
    const tiles: Tile[] = tilesOf(
      pixels.min?.x ?? 0,
      pixels.min?.y ?? 0,
      pixels.max?.x ?? 0,
      pixels.max?.y ?? 0,
      zoom,
    );
    on.loading();
    try {
      const answers = await Promise.all(
        tiles.map(async (tile) => ({
          tile,
          answer: await fetchTile(urlOf(tileBbox(tile), zoom), current.signal),
        })),
      );
      if (!current.signal.aborted) on.loaded(mergeTiles(answers, { unfold: zoom >= map.getMaxZoom() }));
    } catch (error) {
      if (current.signal.aborted) return;
      on.failed(error instanceof Error ? error.message : String(error));
    }
  }

  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), DEBOUNCE_MS);
    },
    dispose() {
      clearTimeout(timer);
      controller?.abort();
    },
  };
}
