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

/** A one-ring polygon feature from its [lon, lat] corners (closed for you). */
const polygon = (corners: [number, number][]): Feature => ({
  ...square,
  geometry: { type: 'Polygon', coordinates: [[...corners, corners[0]!]] },
});

describe('labelPoint', () => {
  it('is the centroid of the outline, as [lat, lon]', () => {
    const [lat, lon] = labelPoint(square) ?? [];
    expect(lat).toBeCloseTo(51.5);
    expect(lon).toBeCloseTo(71.5);
  });

  it('rises the given share of the way to the outline due north', () => {
    const [lat, lon] = labelPoint(square, 0.5) ?? [];
    expect(lat).toBeCloseTo(51.75);
    expect(lon).toBeCloseTo(71.5);
  });

  it('rises to the nearest edge above, not the farthest (a notch cut into the top)', () => {
    const notched = polygon([
      [71, 51],
      [72, 51],
      [72, 52],
      [71.6, 52],
      [71.5, 51.6],
      [71.4, 52],
      [71, 52],
    ]);
    const [lat = NaN, lon = NaN] = labelPoint(notched, 0.5) ?? [];
    expect(lon).toBeCloseTo(71.5);
    expect(lat).toBeLessThan(51.6);
    expect(lat).toBeGreaterThan(51.45);
  });

  it('keeps the centroid of a shape with no outline above it, and gives null for no area', () => {
    const vee = polygon([
      [71, 52],
      [71.5, 51],
      [72, 52],
      [71.9, 52],
      [71.5, 51.2],
      [71.1, 52],
    ]);
    // Its centroid lies in the gap between the arms, with no outline above it.
    const [lat, lon] = labelPoint(vee, 0.5) ?? [];
    expect(lat).toBeCloseTo(51.548);
    expect(lon).toBeCloseTo(71.5);
    const line = polygon([
      [71, 51],
      [72, 51],
    ]);
    expect(labelPoint(line)).toBeNull();
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
