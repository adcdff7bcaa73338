import type * as Leaflet from 'leaflet';
import { cellAlpha, colorize, heatGrid, heatPalette } from './heat.ts';

/** A point the heat layer weighs: anything with a position. */
export interface HeatPoint {
  lat: number;
  lon: number;
}

/** A Leaflet layer drawing a heat map of many points on one canvas. */
export interface HeatLayer extends Leaflet.Layer {
  /** Replaces the points and redraws (callers batch: this projects every point). */
  setPoints(points: readonly HeatPoint[]): void;
}

/**
 * A small canvas heat layer (leaflet.heat has had no release since 2015): the points are binned into
 * cells of half the radius, each cell stamped once as a blurred disc with an opacity for its weight,
 * then coloured from the palette. It redraws when the view settles (moveend), never per frame.
 */
export function createHeatLayer(L: typeof Leaflet, radiusPx = 22): HeatLayer {
  const palette = heatPalette();
  const stamp = blurredDisc(radiusPx);

  class CanvasHeatLayer extends L.Layer implements HeatLayer {
    #points: readonly HeatPoint[] = [];
    #canvas: HTMLCanvasElement | null = null;
    #map: Leaflet.Map | null = null;
    #redraw = () => this.#draw();

    override onAdd(map: Leaflet.Map): this {
      this.#map = map;
      this.#canvas = L.DomUtil.create('canvas', 'komek-heat leaflet-zoom-hide');
      this.#canvas.setAttribute('aria-hidden', 'true');
      map.getPanes().overlayPane.appendChild(this.#canvas);
      map.on('moveend resize', this.#redraw);
      this.#draw();
      return this;
    }

    override onRemove(map: Leaflet.Map): this {
      map.off('moveend resize', this.#redraw);
      this.#canvas?.remove();
      this.#canvas = null;
      this.#map = null;
      return this;
    }

    setPoints(points: readonly HeatPoint[]): void {
      this.#points = points;
      this.#draw();
    }

    #draw(): void {
      const map = this.#map;
      const canvas = this.#canvas;
      if (!map || !canvas) return;
      const size = map.getSize();
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      if (canvas.width !== size.x || canvas.height !== size.y) {
        canvas.width = size.x;
        canvas.height = size.y;
      }
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context || size.x === 0 || size.y === 0) return;
      context.clearRect(0, 0, size.x, size.y);
      const xs = new Float32Array(this.#points.length);
      const ys = new Float32Array(this.#points.length);
      for (const [i, p] of this.#points.entries()) {
        const at = map.latLngToContainerPoint([p.lat, p.lon]);
        xs[i] = at.x;
        ys[i] = at.y;
      }
      const cellPx = Math.max(2, Math.round(radiusPx / 2));
      const grid = heatGrid(xs, ys, size.x, size.y, cellPx, radiusPx);
      for (let cell = 0; cell < grid.weights.length; cell++) {
        const weight = grid.weights[cell] ?? 0;
        if (weight === 0) continue;
        context.globalAlpha = cellAlpha(weight, grid.max);
        const x = (cell % grid.cols) * cellPx - grid.marginPx + cellPx / 2;
        const y = Math.floor(cell / grid.cols) * cellPx - grid.marginPx + cellPx / 2;
        context.drawImage(stamp, x - stamp.width / 2, y - stamp.height / 2);
      }
      context.globalAlpha = 1;
      const image = context.getImageData(0, 0, size.x, size.y);
      colorize(image.data, palette);
      context.putImageData(image, 0, 0);
    }
  }

  return new CanvasHeatLayer();
}

/** A black disc fading out from its centre: the stamp each cell leaves on the canvas. */
function blurredDisc(radiusPx: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = radiusPx * 2;
  const context = canvas.getContext('2d');
  if (!context) return canvas;
  const gradient = context.createRadialGradient(radiusPx, radiusPx, 0, radiusPx, radiusPx, radiusPx);
  gradient.addColorStop(0, 'rgba(0,0,0,1)');
  gradient.addColorStop(1, 'rgba(0,0,0,0)');
  context.fillStyle = gradient;
  context.fillRect(0, 0, radiusPx * 2, radiusPx * 2);
  return canvas;
}
