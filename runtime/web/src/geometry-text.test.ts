import { describe, expect, it } from 'vitest';
import { geometryText } from './geometry-text.ts';

describe('geometry in words', () => {
  it('gives a point its latitude and longitude in the reader’s conventions', () => {
    const point = { type: 'Point', coordinates: [5.724431, 45.187654] };
    expect(geometryText(point, 'en')).toBe('lat 45.18765, lon 5.72443');
    expect(geometryText(point, 'fr')).toBe('lat 45,18765, lon 5,72443');
  });

  it('counts a polygon’s vertices once and gives its centre', () => {
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
          [0, 0],
        ],
      ],
    };
    expect(geometryText(square, 'en')).toMatch(/^Polygon, 4 vertices, centre lat 0\.80000, lon 0\.80000$/);
    expect(
      geometryText(
        {
          type: 'LineString',
          coordinates: [
            [1, 1],
            [3, 3],
          ],
        },
        'fr',
      ),
    ).toBe('Ligne, 2 sommets, centre lat 2,00000, lon 2,00000');
  });

  it('says nothing of what is no geometry', () => {
    expect(geometryText({ type: 'vertices' }, 'en')).toBeNull();
    expect(geometryText({ name: 'x' }, 'en')).toBeNull();
    expect(geometryText('Point', 'en')).toBeNull();
  });
});
