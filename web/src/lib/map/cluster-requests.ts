import { buildClusterTree, findInTree, type BBox, type ClusterTree, type Found } from './clusters.ts';

/** What the map asks of its clusterer. */
export type ClusterQuestion =
  | { kind: 'load'; points: Float64Array; maxZoom: number }
  | { kind: 'find'; bbox: BBox; zoom: number }
  | { kind: 'expand'; clusterId: number };

/** A question as sent, with the id its answer repeats. */
export type ClusterRequest = ClusterQuestion & { id: number };

export type ClusterAnswer =
  | { id: number; kind: 'loaded' }
  | { id: number; kind: 'found'; found: Found }
  | { id: number; kind: 'expanded'; zoom: number }
  | { id: number; kind: 'failed'; message: string };

/**
 * The clusterer's side: one index, replaced by each load. Requests are answered in the order they
 * came, so a find always reads the last load sent before it. Runs in the worker, or in the page
 * where there are no workers.
 */
export function clusterResponder(): (request: ClusterRequest) => ClusterAnswer {
  let tree: ClusterTree | null = null;
  return (request) => {
    try {
      switch (request.kind) {
        case 'load':
          tree = buildClusterTree(request.points, { maxZoom: request.maxZoom });
          return { id: request.id, kind: 'loaded' };
        case 'find':
          return {
            id: request.id,
            kind: 'found',
            found: tree ? findInTree(tree, request.bbox, request.zoom) : { clusters: [], points: [] },
          };
        case 'expand':
          if (!tree) throw new Error('nothing is loaded');
          return { id: request.id, kind: 'expanded', zoom: tree.getClusterExpansionZoom(request.clusterId) };
      }
    } catch (err) {
      return { id: request.id, kind: 'failed', message: err instanceof Error ? err.message : String(err) };
    }
  };
}
