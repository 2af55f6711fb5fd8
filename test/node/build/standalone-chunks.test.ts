// The standalone build's chunk graph (docs/bundle-size.md#chunks): the first load stays within its budget, and
// each lazily loaded element fetches only what it uses: no upload engine for the rule editor or the results, no
// rule grammar for the results until a reprocess, no Chinese pack for an English page.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { build, type Rollup } from 'vite';
import { root } from '../e2e/harness.js';

type Chunk = Rollup.OutputChunk;

describe('standalone build chunks', { timeout: 120_000 }, () => {
  let chunks: Map<string, Chunk>;
  let entry: Chunk;

  before(async () => {
    const result = await build({
      root, configFile: join(root, 'vite.config.ts'), mode: 'standalone', logLevel: 'error',
      build: { write: false },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
    const all = outputs.flatMap((o) => o.output).filter((o): o is Chunk => o.type === 'chunk');
    chunks = new Map(all.map((c) => [c.fileName, c]));
    entry = all.find((c) => c.isEntry)!;
  });

  /** A chunk and its static imports, minus what the first load already holds. */
  const closure = (start: Chunk, without = new Set<string>()): Chunk[] => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file) || without.has(file)) return;
      seen.add(file);
      for (const dep of chunks.get(file)!.imports) visit(dep);
    };
    visit(start.fileName);
    return [...seen].map((f) => chunks.get(f)!);
  };
  const firstLoad = () => new Set(closure(entry).map((c) => c.fileName));
  const modulesOf = (list: Chunk[]) => list.flatMap((c) => Object.keys(c.modules)).map((id) => id.replace(/\\/g, '/'));
  const lazy = (name: string) => {
    const file = entry.dynamicImports.find((f) => f.includes(`/${name}-`));
    assert.ok(file, `the entry loads a ${name} chunk: ${entry.dynamicImports.join(', ')}`);
    return closure(chunks.get(file)!, firstLoad());
  };

  it('keeps the first load within 25 kB gzip', () => {
    const gzip = closure(entry).reduce((n, c) => n + gzipSync(c.code, { level: 9 }).length, 0);
    assert.ok(gzip <= 25_000, `first load ${gzip} B gzip`);
  });

  it('loads neither Chinese pack in the first load', () => {
    const ids = modulesOf(closure(entry));
    assert.deepEqual(ids.filter((id) => /strings-zh|catalogue-zh/.test(id)), []);
  });

  const ENGINE = /\/src\/core\/(upload|doctor|auth)\/|\/src\/core\/client\.ts$|catalogue-zh|strings-zh/;

  it('loads the rule grammar but no upload engine, core doctor or Chinese pack with <cos-rule-editor>', () => {
    const ids = modulesOf(lazy('rule-editor'));
    assert.ok(ids.some((id) => id.includes('/src/core/rules/validate.ts')), 'the rule grammar comes with it');
    assert.deepEqual(ids.filter((id) => ENGINE.test(id)), []);
  });

  it('loads neither the grammar nor the engine with <cos-results> (the grammar waits for a reprocess)', () => {
    const ids = modulesOf(lazy('results'));
    assert.deepEqual(ids.filter((id) => ENGINE.test(id) || /\/src\/core\/rules\/(validate|catalogue|parse)\.ts$/.test(id)), []);
  });

  it('keeps the first load one file (a split costs gzip bytes: docs/bundle-size.md)', () => {
    assert.deepEqual(closure(entry).map((c) => c.fileName), [entry.fileName]);
  });

  it('brings neither the grammar nor the engine with the row edits and the image editor (docs/editing.md)', () => {
    for (const name of ['row-edits', 'image-editor']) {
      const chunk = [...chunks.values()].find((c) => c.fileName.includes(`/${name}-`));
      assert.ok(chunk, `a ${name} chunk`);
      const ids = modulesOf(closure(chunk, firstLoad()));
      assert.deepEqual(ids.filter((id) => ENGINE.test(id) || /\/src\/core\/rules\/(validate|catalogue|parse)\.ts$/.test(id)), [], name);
    }
  });

  it('loads the on-image editor and its geometry only when <cos-rule-editor> has a preview (docs/rule-editor.md#loading)', () => {
    const editor = modulesOf(lazy('rule-editor'));
    assert.deepEqual(editor.filter((id) => /\/(preview-geometry|output-size|on-image|stage-[a-z]+)\.ts$/.test(id)), []);
    const chunk = [...chunks.values()].find((c) => c.fileName.includes('/on-image-'));
    assert.ok(chunk, 'an on-image chunk');
    const ids = modulesOf([chunk]);
    for (const name of ['preview-geometry', 'output-size', 'stage-drag', 'compare-view']) assert.ok(ids.some((id) => id.endsWith(`/${name}.ts`)), name);
  });

  it('writes the whole upload chunk set into the entry, engine first, so it loads in one round (docs/cold-start.md)', () => {
    assert.ok(!entry.code.includes('__COS_UPLOAD_CHUNKS__'), 'the marker is replaced');
    const listed = entry.code.match(/\[(`\.\/chunks\/[^`]+\.js`,?)+\]/)?.[0];
    assert.ok(listed, 'an array of chunk paths in the entry');
    const paths = [...listed.matchAll(/`\.\/([^`]+)`/g)].map((m) => m[1]);
    const engine = lazy('engine').map((c) => c.fileName);
    const files = lazy('uploader-files').map((c) => c.fileName);
    assert.deepEqual(new Set(paths), new Set([...engine, ...files]));
    assert.deepEqual(new Set(paths.slice(0, engine.length)), new Set(engine), 'the engine\'s chunks come first');
    for (const path of paths) assert.ok(entry.dynamicImports.includes(path) || chunks.has(path), path);
  });

  it('keeps what most uploads never use off the engine and the resume check: WebCrypto fallback, picture jobs, resume prompt, Pic-Operations checks, multipart, XML, signer (docs/bundle-size.md#what-a-page-loads)', () => {
    const engine = modulesOf(lazy('engine'));
    assert.ok(engine.some((id) => id.endsWith('/src/core/client.ts')), 'the engine brings the client');
    const resumeCheck = modulesOf(lazy('resume-offer'));
    assert.ok(resumeCheck.some((id) => id.endsWith('/resume/resume-offer.ts')), 'the resume check');
    // Also what only a large file, a listing or a signing backend needs: the multipart requests, the client's XML calls
    // and shapes, the signer provider (docs/bundle-size.md#what-waits-for-its-first-use).
    const unused = /\/src\/core\/rules\/pic-header\.ts$|\/src\/core\/auth\/(sha1-fallback|credentials-signer)\.ts$|\/src\/core\/ci\/(pic-jobs|pic-job-xml)\.ts$|\/resume\/(resume-ui|resume-prompt|resume-session)\.ts$|\/src\/core\/upload\/multipart-steps\.ts$|\/src\/core\/client-xml\.ts$|\/src\/core\/xml\/(responses|build|list-objects)\.ts$/;
    assert.deepEqual([...engine, ...resumeCheck].filter((id) => unused.test(id)), []);
    for (const name of ['sha1-fallback', 'pic-jobs', 'resume-ui', 'pic-header', 'multipart-steps', 'client-xml', 'credentials-signer']) {
      assert.ok([...chunks.values()].some((c) => c.fileName.includes(`/${name}-`) && !c.isEntry), `a ${name} chunk of its own`);
    }
  });

  // Files that every page using one of them fetches together are one file: each file costs its own request, gzip
  // header and import/export lists (docs/bundle-size.md#fewer-files).
  it('ships lit\'s directives together (without the fileid helpers), the browser doctor with its checks, the client with the modules it shares', () => {
    const chunkOf = (pattern: RegExp) => {
      const found = [...chunks.values()].filter((c) => Object.keys(c.modules).some((id) => pattern.test(id.replace(/\\/g, '/'))));
      assert.equal(found.length, 1, `${pattern} in one chunk: ${found.map((c) => c.fileName).join(', ')}`);
      return found[0].fileName;
    };
    const shared = chunkOf(/lit-html\/directive\.js$/);
    assert.equal(chunkOf(/lit-html\/directives\/repeat\.js$/), shared);
    assert.equal(chunkOf(/\/src\/elements\/shared\/css-props\.ts$/), shared);
    // The fileid helpers are not on the upload path (only multipart, processing, results and edits use them).
    assert.notEqual(chunkOf(/\/src\/core\/rules\/file-id\.ts$/), shared);
    assert.equal(chunkOf(/\/src\/elements\/doctor\/browser-doctor\.ts$/), chunkOf(/\/src\/core\/doctor\/doctor\.ts$/));
    const client = chunkOf(/\/src\/core\/client\.ts$/);
    for (const module of ['http/errors', 'upload/resume-records', 'upload/fingerprint', 'upload/file-handles']) {
      assert.equal(chunkOf(new RegExp(`/src/core/${module}\\.ts$`)), client, module);
    }
    assert.equal(chunkOf(/@aws-crypto\/sha1-browser\/.*webCryptoSha1\.js$/), client);
    // A chunk holding only a re-export (lit/directives/repeat.js) would be one more request for nothing.
    assert.deepEqual([...chunks.values()].filter((c) => !c.isEntry && c.code.length < 100).map((c) => c.fileName), []);
  });

  it('links a source map from every file, so a page debugging the bundle sees the sources', () => {
    assert.ok(entry.map, 'the entry has a source map');
    // Chunks of imports and exports only (core, the bundler's runtime) have no sources to map.
    for (const chunk of chunks.values()) if (chunk.map) assert.match(chunk.code, /\/\/# sourceMappingURL=\S+\.map\s*$/, `${chunk.fileName} links its map`);
  });

  // The Pic-Operations checks (pic-header.ts, file-id.ts) were in the first load until they became chunks loaded only
  // by an uploader with `pic-operations` or `rules` (docs/bundle-size.md#what-a-page-loads).
  it('keeps every rule module out of the first load, the Pic-Operations checks too', () => {
    const rules = modulesOf(closure(entry)).filter((id) => id.includes('/src/core/rules/')).map((id) => id.replace(/.*\/src\/core\/rules\//, ''));
    assert.deepEqual(rules, []);
  });
});
