// A tiny loopback server for the benchmark page: the page, our fresh build and the SDK's shipped file.
// Its origin differs from the emulator's, so every upload pays CORS preflights as on a real site.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.map': 'application/json', '.json': 'application/json', '.css': 'text/css' };

/**
 * `mounts` maps a URL prefix ('/ours/') to a directory; `config` is served as the module /config.js. `delayMs`
 * holds every answer that long (a distant web server: each round of chunks then costs a round trip).
 */
export async function startStaticServer(mounts, config, { delayMs = 0 } = {}) {
  const server = createServer((req, res) => (delayMs ? setTimeout(() => answer(req, res), delayMs) : answer(req, res)));
  function answer(req, res) {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/config.js') {
      res.writeHead(200, { 'content-type': TYPES['.js'], 'cache-control': 'no-store' });
      res.end(`export default ${JSON.stringify(config)};`);
      return;
    }
    const file = resolve(mounts, path === '/' ? '/page/index.html' : path);
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  }
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}

function resolve(mounts, path) {
  for (const [prefix, dir] of Object.entries(mounts)) {
    if (!path.startsWith(prefix)) continue;
    const rel = normalize(path.slice(prefix.length));
    if (rel.startsWith('..')) return undefined;
    const file = join(dir, rel);
    try {
      if (statSync(file).isFile()) return file;
    } catch {}
  }
  return undefined;
}
