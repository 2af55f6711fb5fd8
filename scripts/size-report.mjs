#!/usr/bin/env node
// Sizes of the standalone build (run `npx vite build --mode standalone` first): min bytes and gzip -9 of
// dist/cos-uploader.js, of every chunk it can load (static and dynamic imports, followed from the entry), and
// the totals. "First load" is the entry plus its static imports: what a page fetches before the widget runs. Then what
// each page fetches (scripts/size-graph.mjs): the upload path, each element alone, each optional uploader feature.
// `--check` exits 1 when a size budget is exceeded; `--json` prints the numbers as JSON. 1 kB = 1000 B.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pageTotals } from './size-graph.mjs';

const BUDGET = { firstLoadGzip: 25_000, totalGzip: 45_000 };
const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const dist = join(root, 'dist');
const entry = join(dist, 'cos-uploader.js');
const args = new Set(process.argv.slice(2));

if (!existsSync(entry)) {
  console.error('dist/cos-uploader.js is missing: run `npx vite build --mode standalone` first.');
  process.exit(2);
}

/** Relative specifiers of a minified ES module: static imports and re-exports, and dynamic import() calls. */
function importsOf(code) {
  const stat = [...code.matchAll(/\b(?:import|export)\s*(?:[\w*${},\s]+?\s*from\s*)?["'`](\.{1,2}\/[^"'`]+)["'`]/g)].map((m) => m[1]);
  const dynamic = [...code.matchAll(/\bimport\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
  return { stat, dynamic };
}

/** Every file reachable from the entry, each measured once, and which of them load before the entry runs. */
function walk(start) {
  const files = new Map();
  const firstLoad = new Set();
  const visit = (file, isStatic) => {
    if (isStatic) firstLoad.add(file);
    if (files.has(file)) return;
    if (!existsSync(file)) throw new Error(`${relative(root, file)} is imported but missing from dist/`);
    const code = readFileSync(file);
    const { stat, dynamic } = importsOf(code.toString('utf8'));
    files.set(file, { bytes: code.length, gzip: gzipSync(code, { level: 9 }).length, stat, dynamic });
    for (const spec of stat) visit(resolve(dirname(file), spec), isStatic);
    for (const spec of dynamic) visit(resolve(dirname(file), spec), false);
  };
  visit(start, true);
  // A file first reached lazily may also be a static import of the entry's closure: mark the closure again.
  const mark = (file) => {
    firstLoad.add(file);
    for (const spec of files.get(file).stat) {
      const dep = resolve(dirname(file), spec);
      if (!firstLoad.has(dep)) mark(dep);
    }
  };
  mark(start);
  return { files, firstLoad };
}

const { files, firstLoad } = walk(entry);
const sum = (list) => list.reduce((acc, f) => ({ bytes: acc.bytes + f.bytes, gzip: acc.gzip + f.gzip }), { bytes: 0, gzip: 0 });
const first = sum([...firstLoad].map((f) => files.get(f)));
const total = sum([...files.values()]);
const over = [
  first.gzip > BUDGET.firstLoadGzip && `first load (cos-uploader.js + static imports) is ${first.gzip} B gzip, over ${BUDGET.firstLoadGzip} B`,
  total.gzip > BUDGET.totalGzip && `everything it can load is ${total.gzip} B gzip, over ${BUDGET.totalGzip} B`,
].filter(Boolean);

/** What a dynamic import adds to the first load: the target and its static imports, each file once. */
function onDemand() {
  const targets = new Set([...files.values()].flatMap((f) => f.dynamic.map((spec) => [f, spec])).map(([, spec]) => spec));
  const rows = [];
  for (const [file, f] of files) {
    for (const spec of f.dynamic) {
      const target = resolve(dirname(file), spec);
      if (rows.some((r) => r.target === target)) continue;
      const closure = new Set();
      const add = (dep) => {
        if (closure.has(dep) || firstLoad.has(dep)) return;
        closure.add(dep);
        for (const s of files.get(dep).stat) add(resolve(dirname(dep), s));
      };
      add(target);
      rows.push({ target, ...sum([...closure].map((c) => files.get(c))) });
    }
  }
  return targets.size ? rows : [];
}
const demand = onDemand();

/** Source paths a file holds, from its source map (the standalone build writes them); none without a map. */
function modulesOf(file) {
  if (!existsSync(`${file}.map`)) return [];
  return JSON.parse(readFileSync(`${file}.map`, 'utf8')).sources.map((s) => s.replace(/^(\.\.\/)+/, ''));
}
const pages = pageTotals([...files].map(([file, f]) => ({
  file: relative(dist, file),
  isEntry: file === entry,
  imports: f.stat.map((spec) => relative(dist, resolve(dirname(file), spec))),
  dynamicImports: f.dynamic.map((spec) => relative(dist, resolve(dirname(file), spec))),
  bytes: f.bytes,
  gzip: f.gzip,
  modules: modulesOf(file),
})));

if (args.has('--json')) {
  const rows = [...files].map(([file, f]) => ({ file: relative(dist, file), bytes: f.bytes, gzip: f.gzip, firstLoad: firstLoad.has(file) }));
  const onDemandRows = demand.map((d) => ({ file: relative(dist, d.target), bytes: d.bytes, gzip: d.gzip }));
  const { pages: pageRows, uploaderExtras } = pages;
  console.log(JSON.stringify({ files: rows, entry: rows[0], firstLoad: first, total, onDemand: onDemandRows, pages: pageRows, uploaderExtras, budget: BUDGET, over }, null, 2));
} else {
  const kb = (n) => `${(n / 1000).toFixed(1)} kB`.padStart(9);
  console.log(`${'file'.padEnd(42)} ${'min'.padStart(9)} ${'gzip -9'.padStart(9)}  loads`);
  for (const [file, f] of files) console.log(`${relative(dist, file).padEnd(42)} ${kb(f.bytes)} ${kb(f.gzip)}  ${firstLoad.has(file) ? 'first' : 'lazy'}`);
  console.log(`${'first load (entry + static imports)'.padEnd(42)} ${kb(first.bytes)} ${kb(first.gzip)}  budget ${kb(BUDGET.firstLoadGzip).trim()}`);
  console.log(`${`everything (${files.size} files)`.padEnd(42)} ${kb(total.bytes)} ${kb(total.gzip)}  budget ${kb(BUDGET.totalGzip).trim()}`);
  console.log('\non demand: what each dynamic import adds to the first load (the chunk and its static imports)');
  for (const d of demand) console.log(`${`+ ${relative(dist, d.target)}`.padEnd(42)} ${kb(d.bytes)} ${kb(d.gzip)}`);
  console.log('\nwhat a page loads (first load included; docs/bundle-size.md#what-a-page-loads)');
  for (const p of pages.pages) console.log(`${p.label.padEnd(42)} ${kb(p.bytes)} ${kb(p.gzip)}  ${p.files} files`);
  console.log('\nwhat an optional <cos-uploader> feature adds to the upload path');
  for (const x of pages.uploaderExtras) console.log(`${`+ ${x.label}`.padEnd(42)} ${kb(x.bytes)} ${kb(x.gzip)}  ${x.files} files`);
  console.log(`\ntargets: first load ${kb(first.gzip).trim()} of ${kb(BUDGET.firstLoadGzip).trim()}: ${first.gzip <= BUDGET.firstLoadGzip ? 'met' : 'NOT met'}; ` +
    `everything ${kb(total.gzip).trim()} of ${kb(BUDGET.totalGzip).trim()}: ${total.gzip <= BUDGET.totalGzip ? 'met' : 'NOT met'}`);
  for (const line of over) console.log(`OVER: ${line}`);
}
if (args.has('--check') && over.length) process.exit(1);
