import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.webmanifest': 'application/manifest+json',
};

/**
 * A plain static host for the browser tests: `dir` served under `prefix` (e.g. `/qp/`), like a
 * folder on GitHub Pages. No SPA fallback and nothing outside the prefix: a URL the build gets
 * wrong is a 404, as it would be on a real host.
 */
export function serveFolder(
  dir: string,
  prefix: string,
  port: number,
  /** may change a file's bytes as served (e.g. a new version of the service worker) */
  rewrite: (file: string, body: Buffer) => Buffer = (_, body) => body,
): Promise<Server> {
  const root = path.resolve(dir);
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(prefix)) return void response.writeHead(404).end();
    const relative = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    const file = path.join(root, relative);
    if (!file.startsWith(root) || !existsSync(file) || !(await stat(file)).isFile()) {
      return void response.writeHead(404).end();
    }
    response.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    response.end(rewrite(relative, await readFile(file)));
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}
