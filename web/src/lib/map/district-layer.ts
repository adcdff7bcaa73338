import type * as Leaflet from 'leaflet';
import type { FeatureCollection, Geometry } from 'geojson';
import { labelPoint, type DistrictProperties } from './geo.ts';
import { clearOffset, type Box, type Disc } from './label-placement.ts';
import type { Locale } from '../i18n/messages.ts';

/** The districts' outlines and names, in the map's theme and the screen's language. */
export interface DistrictLayerOptions {
  theme: 'dark' | 'light';
  locale: Locale;
  /** Line width against the 1080p design (a 4K wall draws its outlines twice as thick). */
  scale?: number;
  /** The map draws many tickets: names go above the districts' centres, where clusters gather. */
  crowded?: boolean;
}

/** How far up a crowded map's names go: halfway from a district's centre to its northern edge. */
const CROWDED_LABEL_RISE = 0.5;

/** The pane district names sit in: under the tickets, so a name never hides a lone ticket's dot. */
export const DISTRICT_LABEL_PANE = 'district-labels';

/** The outlines and names on a map; names can be moved off the clusters drawn over them. */
export interface DistrictLayer {
  layer: Leaflet.LayerGroup;
  /** Moves each name that a disc covers to the nearest clear place nearby (see clearOffset). */
  avoid(discs: readonly Disc[]): void;
}

/** Draws the outlines (not interactive) with a label in each district (see labelPoint). */
export function createDistrictLayer(
  L: typeof Leaflet,
  map: Leaflet.Map,
  districts: FeatureCollection<Geometry, DistrictProperties>,
  { theme, locale, scale = 1, crowded = false }: DistrictLayerOptions,
): DistrictLayer {
  const dark = theme === 'dark';
  const group = L.layerGroup();
  L.geoJSON(districts, {
    interactive: false,
    style: {
      color: dark ? '#7dd3fc' : '#0b5cad',
      weight: (dark ? 2.5 : 2) * scale,
      opacity: dark ? 0.85 : 0.8,
      fillColor: dark ? '#38bdf8' : '#0b5cad',
      fillOpacity: dark ? 0.06 : 0.04,
    },
  }).addTo(group);
  const labels: HTMLSpanElement[] = [];
  for (const feature of districts.features) {
    const point = labelPoint(feature, crowded ? CROWDED_LABEL_RISE : 0);
    if (!point) continue;
    const text = document.createElement('span');
    text.textContent = feature.properties[`name_${locale}`];
    labels.push(text);
    const icon = L.divIcon({ className: `district-label ${theme}`, html: text, iconSize: undefined });
    L.marker(point, { icon, interactive: false, keyboard: false, pane: DISTRICT_LABEL_PANE }).addTo(group);
  }
  return {
    layer: group,
    avoid(discs) {
      const origin = map.getContainer().getBoundingClientRect();
      // Measured where they stand now, with the last move taken back out.
      const homes = labels.map((label) => {
        const rect = label.getBoundingClientRect();
        return {
          x: rect.left - origin.left - Number(label.dataset['dx'] ?? 0),
          y: rect.top - origin.top - Number(label.dataset['dy'] ?? 0),
          w: rect.width,
          h: rect.height,
        };
      });
      const placed: Box[] = [];
      for (const [i, label] of labels.entries()) {
        const box = homes[i]!;
        // A name is not moved onto another's place, whether that one has moved yet or not.
        const others = [...placed, ...homes.slice(i + 1)];
        const { dx, dy } = clearOffset(box, discs, Math.round(box.h * 0.9), others);
        placed.push({ ...box, x: box.x + dx, y: box.y + dy });
        label.dataset['dx'] = String(dx);
        label.dataset['dy'] = String(dy);
        label.style.setProperty('--dx', `${dx}px`);
        label.style.setProperty('--dy', `${dy}px`);
      }
    },
  };
}
