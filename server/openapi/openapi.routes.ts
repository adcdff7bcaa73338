import express, { Router } from 'express';
import swaggerUi from 'swagger-ui-dist';
import { buildOpenApiDocument } from './openapi.ts';

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Komek API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

const INIT_SCRIPT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

/** /api/openapi.json and a browsable Swagger UI page at /api/docs (assets served from swagger-ui-dist, no CDN). */
export function openApiRoutes(): Router {
  const router = Router();
  const document = buildOpenApiDocument();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use('/docs/assets', express.static(swaggerUi.getAbsoluteFSPath(), { index: false }));
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(INIT_SCRIPT);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(DOCS_PAGE);
  });
  return router;
}
