import { describe, expect, it } from 'vitest';
import { maxZoomWithin, TILE_LIMIT, tileCount, tileUrls, tileX, tileY, withinLimits } from './tiles.ts';

describe('map tiles of an area', () => {
  it('finds the tile of a place as Leaflet and OpenStreetMap number them', () => {
    // Paris, zoom 10: tile 518/352 on OpenStreetMap.
    expect([tileX(2.35, 10), tileY(48.85, 10)]).toEqual([518, 352]);
    expect([tileX(-180, 3), tileX(180, 3), tileY(89, 3), tileY(-89, 3)]).toEqual([0, 7, 0, 7]);
  });

  it('counts the tiles from zoom 0 up, one per zoom for a point', () => {
    expect(tileCount([2.35, 48.85, 2.35, 48.85], 5)).toBe(6);
    expect(tileCount([-180, -85, 180, 85], 2)).toBe(1 + 4 + 16);
  });

  it('lists the URLs from the template and stays within the limits', () => {
    const bbox = [4.8, 45.7, 4.9, 45.8] as const;
    const urls = tileUrls('https://{s}.tile.example/{z}/{x}/{y}.png', bbox, 3);
    expect(urls[0]).toBe('https://a.tile.example/0/0/0.png');
    expect(urls).toHaveLength(tileCount(bbox, 3));
    const zoom = maxZoomWithin(bbox);
    expect(withinLimits(tileCount(bbox, zoom))).toBe(true);
    expect(
      zoom === 19 || tileCount(bbox, zoom + 1) > TILE_LIMIT || !withinLimits(tileCount(bbox, zoom + 1)),
    ).toBe(true);
  });
});
