import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/**
 * The built web app (dist/web): its files, and index.html for any other page path, so that a board's own routes
 * survive a reload. API and Socket.IO paths never fall back to the app.
 */
export function webRoutes(root: string): Router {
  const router = Router();
  const index = path.join(root, 'index.html');
  router.use(express.static(root, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForIndex }));
  router.get(/^\/(?!api\/|socket\.io\/|healthz$).*/, (request, response, next) => {
    if (!request.accepts('html') || !existsSync(index)) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
  return router;
}

// Built assets have hashed names and may be cached; index.html names them and must be fetched fresh.
function noCacheForIndex(response: express.Response, file: string): void {
  if (path.basename(file) === 'index.html') response.setHeader('Cache-Control', 'no-cache');
}
