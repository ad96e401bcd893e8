/** The cluster map's tile arithmetic: tiles of a view, their bboxes, and merging their answers. */
import { describe, expect, it } from 'vitest';
import { cellOf, type MapAnswer, mergeTiles, representativePoint, tileBbox, tilesOf } from './map-tiles.ts';

const answer = (clusters: MapAnswer['clusters'], features: MapAnswer['features'] = []): MapAnswer => ({
  zoom: 1,
  total: 0,
  clusters,
  features,
});
const cluster = (count: number, cell: [number, number]) => ({
  count,
  lon: 0,
  lat: 0,
  bbox: [0, 0, 0, 0] as const,
  cell,
});

describe('map tiles', () => {
  it('covers a view with the tiles it touches, within the world', () => {
    expect(tilesOf(100, 100, 300, 200, 1)).toEqual([
      { x: 0, y: 0, zoom: 1 },
      { x: 1, y: 0, zoom: 1 },
    ]);
    expect(tilesOf(-500, -500, 5000, 5000, 1)).toHaveLength(4);
  });

  it('gives a tile its bbox in degrees (Web Mercator rows)', () => {
    const [minx, miny, maxx, maxy] = tileBbox({ x: 1, y: 0, zoom: 1 });
    expect([minx, maxx]).toEqual([0, 180]);
    expect(miny).toBeCloseTo(0, 9);
    expect(maxy).toBeCloseTo(85.0511, 3);
  });

  it('keeps each tile’s own cells only, and each feature once', () => {
    const merged = mergeTiles([
      // Cell 4 belongs to tile 1 (4 cells a tile side): tile 0 saw it only through its edge.
      { tile: { x: 0, y: 0, zoom: 1 }, answer: answer([cluster(3, [1, 1]), cluster(1, [4, 1])]) },
      { tile: { x: 1, y: 0, zoom: 1 }, answer: answer([cluster(5, [4, 1])]) },
      {
        tile: { x: 0, y: 1, zoom: 1 },
        answer: answer(
          [],
          [
            { id: 'a', label: null, geometry: { type: 'Point', coordinates: [0, 0] } },
            { id: 'a', label: null, geometry: { type: 'Point', coordinates: [0, 0] } },
          ],
        ),
      },
    ]);
    expect(merged.clusters.map((c) => c.count)).toEqual([3, 5]);
    expect(merged.features).toHaveLength(1);
    expect(merged.total).toBe(9);
  });

  it('groups the features of sparse tiles by cell, unless unfolded', () => {
    const point = (id: string, lon: number, lat: number) => ({
      id,
      label: null,
      geometry: { type: 'Point' as const, coordinates: [lon, lat] },
    });
    const square = {
      id: 'p',
      label: null,
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [40, 10],
            [41, 10],
            [41, 11],
            [40, 11],
            [40, 10],
          ],
        ],
      },
    };
    const tile = { x: 0, y: 0, zoom: 2 };
    const features = [point('a', 2, 46), point('b', 2.01, 46.01), point('c', -100, 30), square];
    const merged = mergeTiles([{ tile, answer: answer([], features) }]);
    expect(merged.clusters).toMatchObject([{ count: 2, cell: cellOf(2, 46, 2) }]);
    expect(merged.features.map((f) => f.id)).toEqual(['c', 'p']);
    expect(merged.total).toBe(4);
    expect(mergeTiles([{ tile, answer: answer([], features) }], { unfold: true }).features).toHaveLength(4);
    expect(representativePoint(square.geometry)).toEqual([40.5, 10.5]);
  });
});
