// Bundle sizes: min + gzip -9 of our builds, the official SDK's shipped file and an Uppy build, all JS only.
// Every bundle is built here with Vite (the same bundler and minifier for all), so nothing depends on a stale dist/.
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { pageTotals } from '../../scripts/size-graph.mjs';

export const gzipBytes = (code) => gzipSync(code, { level: 9 }).length;

function chunksOf(result) {
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  return outputs
    .filter((o) => o.type === 'chunk')
    .map((c) => ({
      file: c.fileName,
      isEntry: c.isEntry,
      imports: c.imports,
      dynamicImports: c.dynamicImports,
      bytes: Buffer.byteLength(c.code),
      gzip: gzipBytes(c.code),
      modules: Object.entries(c.modules).map(([id, m]) => ({ id, bytes: m.renderedLength })),
    }));
}

/** Entry chunk plus its static-import closure (what a page must fetch before the code runs), and all chunks. */
export function summarize(name, chunks) {
  const byFile = new Map(chunks.map((c) => [c.file, c]));
  const entry = chunks.find((c) => c.isEntry);
  if (!entry) throw new Error(`${name}: the build produced no entry chunk`);
  const initial = new Set();
  const visit = (file) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const dep of byFile.get(file)?.imports ?? []) visit(dep);
  };
  visit(entry.file);
  const sum = (list, key) => list.reduce((n, c) => n + c[key], 0);
  const initialChunks = chunks.filter((c) => initial.has(c.file));
  return {
    name,
    entryFile: entry.file,
    entry: { bytes: entry.bytes, gzip: entry.gzip },
    initial: { bytes: sum(initialChunks, 'bytes'), gzip: sum(initialChunks, 'gzip'), files: initialChunks.length, chunks: [...initial] },
    total: { bytes: sum(chunks, 'bytes'), gzip: sum(chunks, 'gzip'), files: chunks.length },
    chunks: chunks.map(({ modules, ...c }) => ({ ...c, topModules: topModules(modules) })),
  };
}

function topModules(modules) {
  const byPackage = new Map();
  for (const m of modules) {
    // Packages by name; our own code by folder (src/core/upload, src/elements/uploader…) to show where bytes go.
    const pkg =
      m.id.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ??
      m.id.match(/\/(src\/(?:core|elements)\/[^/.]+)/)?.[1] ??
      m.id.match(/\/(src\/[^/.]+)/)?.[1] ??
      'other';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + m.bytes);
  }
  const sorted = [...byPackage].sort((a, b) => b[1] - a[1]).map(([pkg, bytes]) => ({ pkg, bytes }));
  const rest = sorted.slice(10).reduce((n, m) => n + m.bytes, 0);
  return rest ? [...sorted.slice(0, 10), { pkg: 'the rest', bytes: rest }] : sorted;
}

/** The project's own build (vite.config.ts), `mode` '' for the library or 'standalone', into outDir. */
export async function buildProject(root, mode, outDir) {
  const result = await build({
    root,
    configFile: join(root, 'vite.config.ts'),
    mode: mode || 'production',
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
  return chunksOf(result);
}

/** Any entry, self-contained (nothing external), minified: lib mode like our standalone build. */
export async function buildEntry(root, entry, outDir) {
  const result = await build({
    root,
    configFile: false,
    logLevel: 'error',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      lib: { entry, formats: ['es'], fileName: () => 'bundle.js' },
      rolldownOptions: { output: { minify: true, chunkFileNames: 'chunks/[name]-[hash].js' } },
    },
  });
  return chunksOf(result);
}

export function shippedFile(name, path) {
  const code = readFileSync(path);
  const chunk = { file: path, isEntry: true, imports: [], dynamicImports: [], bytes: code.length, gzip: gzipBytes(code), modules: [] };
  return summarize(name, [chunk]);
}

/** All size rows; `standaloneChunks` is the build the page also loads. */
export async function measureSizes({ root, work, standaloneChunks }) {
  const sdkFile = join(root, 'node_modules/cos-js-sdk-v5/dist/cos-js-sdk-v5.min.js');
  const version = (pkg) => JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  return {
    ours: {
      ...summarize('cos-uploader.js (5 elements + lit + core)', standaloneChunks),
      // What a page loads (docs/bundle-size.md#what-a-page-loads): the same sets as scripts/size-report.mjs.
      pages: pageTotals(standaloneChunks.map((c) => ({ ...c, modules: c.modules.map((m) => m.id) }))),
    },
    core: summarize('core alone (src/core/index.ts, deps bundled)', await buildEntry(root, join(root, 'src/core/index.ts'), join(work, 'size-core'))),
    xmlParser: summarize(`fast-xml-parser ${version('fast-xml-parser')} XMLParser alone`, await buildEntry(root, join(root, 'bench/sizes/xml-parser-entry.js'), join(work, 'size-fxp'))),
    sdk: shippedFile(`cos-js-sdk-v5 ${version('cos-js-sdk-v5')} shipped .min.js (no UI)`, sdkFile),
    uppy: summarize(`Uppy ${version('@uppy/core')} core + dashboard + aws-s3`, await buildEntry(root, join(root, 'bench/sizes/uppy-entry.js'), join(work, 'size-uppy'))),
  };
}
