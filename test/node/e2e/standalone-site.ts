// The real standalone build served beside the emulator (under /cos) on one origin, as a CMS would deploy it. The
// suites that check what a page fetches (cold start, upload path) or what a strict CSP lets it do start one each.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { build, type Rollup } from 'vite';
import type { Browser } from 'playwright';
import { createCosEmulator, type CosEmulator } from '../../../src/emulator/index.js';
import { launchChromium, root } from './harness.js';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

export interface SiteOptions {
  /** The test page's own files by URL path (`/` is HTML); everything else comes from the build. */
  pages: Record<string, string>;
  /** Headers on every page and bundle answer (a CSP, `Cache-Control: no-store`). */
  headers?: Record<string, string>;
  /** Headers for one of `pages` instead of `headers` (the same page under another CSP). */
  pageHeaders?: Record<string, Record<string, string>>;
  /** Overrides the build config's source maps. */
  sourcemap?: boolean;
}

export interface StandaloneSite {
  url: string;
  /** A temporary folder removed by `close()` (the build and the emulator's data live in it). */
  work: string;
  /** The build's chunks, as Rollup made them. */
  chunks: Rollup.OutputChunk[];
  emulator: CosEmulator;
  browser: Browser;
  close(): Promise<void>;
}

export async function startStandaloneSite(name: string, options: SiteOptions): Promise<StandaloneSite> {
  const work = mkdtempSync(join(tmpdir(), `cos-${name}-`));
  const dist = join(work, 'dist');
  const result = await build({
    root, configFile: join(root, 'vite.config.ts'), mode: 'standalone', logLevel: 'error',
    build: { outDir: dist, emptyOutDir: true, ...(options.sourcemap === undefined ? {} : { sourcemap: options.sourcemap }) },
  });
  const chunks = ((Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[]).flatMap((o) => o.output)
    .filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
  const emulator = createCosEmulator({ dataDir: join(work, 'data') });
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/cos/')) {
      req.url = req.url!.slice('/cos'.length);
      emulator.handler(req, res);
      return;
    }
    const own = options.pages[path];
    try {
      const body = own ?? readFileSync(join(dist, normalize(path).replace(/^(\.\.[/\\])+/, '')));
      const type = path === '/' ? 'text/html' : (TYPES[extname(path)] ?? 'application/octet-stream');
      res.writeHead(200, { 'Content-Type': type, ...(options.pageHeaders?.[path] ?? options.headers) }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  emulator.url = `${url}/cos`;
  const browser = await launchChromium();
  return {
    url, work, chunks, emulator, browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await emulator.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
