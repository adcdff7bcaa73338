import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  districtBounds,
  featureBounds,
  isDistrictCollection,
  labelPoint,
  type DistrictProperties,
} from './geo.ts';

const square: Feature = {
  type: 'Feature',
  properties: {},
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [71, 51],
        [72, 51],
        [72, 52],
        [71, 52],
        [71, 51],
      ],
    ],
  },
};

describe('featureBounds', () => {
  it('spans every ring of every feature', () => {
    const other: Feature = {
      ...square,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [70, 50],
            [70.5, 50],
            [70.5, 50.5],
            [70, 50],
          ],
        ],
      },
    };
    expect(featureBounds({ type: 'FeatureCollection', features: [square, other] })).toEqual([
      [50, 70],
      [52, 72],
    ]);
    expect(featureBounds({ type: 'FeatureCollection', features: [] })).toBeNull();
  });
});

describe('labelPoint', () => {
  it('is the centroid of the outline, as [lat, lon]', () => {
    const [lat, lon] = labelPoint(square) ?? [];
    expect(lat).toBeCloseTo(51.5);
    expect(lon).toBeCloseTo(71.5);
  });
});

describe('isDistrictCollection', () => {
  it('accepts a FeatureCollection and rejects anything else', () => {
    const fc: FeatureCollection = { type: 'FeatureCollection', features: [square] };
    expect(isDistrictCollection(fc)).toBe(true);
    expect(isDistrictCollection({ type: 'Feature' })).toBe(false);
    expect(isDistrictCollection(null)).toBe(false);
  });
});

describe('districtBounds', () => {
  const names = { name_ru: 'x', name_kk: 'x', name_en: 'x' };
  const city: FeatureCollection<Geometry, DistrictProperties> = {
    type: 'FeatureCollection',
    features: [
      { ...square, properties: { id: 'yesil', ...names } } as Feature<Geometry, DistrictProperties>,
      {
        type: 'Feature',
        properties: { id: 'nura', ...names },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [70, 50],
              [70.5, 50],
              [70.5, 50.5],
              [70, 50],
            ],
          ],
        },
      },
    ],
  };

  it('fits one district when asked, else (or when it is unknown) the whole city', () => {
    expect(districtBounds(city, 'nura')).toEqual([
      [50, 70],
      [50.5, 70.5],
    ]);
    expect(districtBounds(city, null)).toEqual(featureBounds(city));
    expect(districtBounds(city, 'nowhere')).toEqual(featureBounds(city));
  });
});
