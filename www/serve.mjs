// A small static server for the page: 127.0.0.1 only, `.wasm` as application/wasm, a strict
// Content-Security-Policy, no caching (so a rebuild is picked up on reload).
// Usage: node www/serve.mjs [--port N]   (default 8080; the next free port if taken)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

// The same policy as the page's <meta> tag: nothing may load from, or talk to, another origin.
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
// Only what the page needs is served: not the crate, the tests or target/.
const ALLOWED = [/^\/$/, /^\/index\.html$/, /^\/www\//, /^\/favicon\.ico$/];

// `allow` adds paths to serve (the benchmark serves tests/bench/), `csp` chooses a path's policy.
export function startServer({ port = 8080, host = '127.0.0.1', root = ROOT, tries = 20, allow = [], csp = () => CSP } = {}) {
  const allowed = [...ALLOWED, ...allow];
  const server = createServer(async (req, res) => {
    const headers = {
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400, headers).end('Bad request');
      return;
    }
    if (!allowed.some((re) => re.test(path))) {
      res.writeHead(404, headers).end('Not found');
      return;
    }
    if (path === '/') path = '/index.html';
    headers['Content-Security-Policy'] = csp(path);
    const file = normalize(join(root, path));
    if (!file.startsWith(root + sep)) {
      res.writeHead(403, headers).end('Forbidden');
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, {
        ...headers,
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': body.length,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, headers).end('Not found');
    }
  });
  return new Promise((ok, fail) => {
    let attempt = 0;
    const listen = (p) => server.listen(p, host);
    server.on('error', (e) => {
      if (e.code === 'EADDRINUSE' && port !== 0 && ++attempt < tries) listen(port + attempt);
      else fail(e);
    });
    server.on('listening', () => {
      const { port: actual } = server.address();
      ok({ url: `http://${host}:${actual}/`, close: () => new Promise((r) => server.close(r)) });
    });
    listen(port);
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : Number(process.env.PORT ?? 8080);
  const { url } = await startServer({ port });
  console.log(`Accord is served at ${url}  (Ctrl-C to stop)`);
}
