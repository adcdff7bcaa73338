import type * as Leaflet from 'leaflet';
import type { FeatureCollection, Geometry } from 'geojson';
import { labelPoint, type DistrictProperties } from './geo.ts';
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

/** Draws the outlines (not interactive) with a label in each district (see labelPoint); returns the layer. */
export function createDistrictLayer(
  L: typeof Leaflet,
  districts: FeatureCollection<Geometry, DistrictProperties>,
  { theme, locale, scale = 1, crowded = false }: DistrictLayerOptions,
): Leaflet.LayerGroup {
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
  for (const feature of districts.features) {
    const point = labelPoint(feature, crowded ? CROWDED_LABEL_RISE : 0);
    if (!point) continue;
    const text = document.createElement('span');
    text.textContent = feature.properties[`name_${locale}`];
    const icon = L.divIcon({ className: `district-label ${theme}`, html: text, iconSize: undefined });
    L.marker(point, { icon, interactive: false, keyboard: false, pane: DISTRICT_LABEL_PANE }).addTo(group);
  }
  return group;
}
