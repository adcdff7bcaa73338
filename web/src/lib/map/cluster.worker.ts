/// <reference lib="webworker" />
import { clusterResponder, type ClusterRequest } from './cluster-requests.ts';

// Clustering 50,000 tickets takes a tenth of a second or more: here it never holds up the page,
// so a change pushed meanwhile is drawn at once.
const respond = clusterResponder();
self.onmessage = (event: MessageEvent<ClusterRequest>) => self.postMessage(respond(event.data));
