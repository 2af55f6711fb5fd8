#!/usr/bin/env node
// Which sources fill a built file: minified bytes per original source, read from the file's source map
// (the standalone build writes one). Usage: node scripts/size-sources.mjs [dist/cos-uploader.js] [--top N]
// Bytes no mapping covers (mostly CSS template text) are reported as "unmapped". See docs/bundle-size.md.
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : Infinity;
// The file is the first argument that is neither a flag nor the value of --top.
const file = resolve(args.find((a, i) => !a.startsWith('--') && (topAt < 0 || i !== topAt + 1)) ?? 'dist/cos-uploader.js');
if (!existsSync(`${file}.map`)) {
  console.error(`${relative(process.cwd(), file)}.map is missing: run \`npx vite build --mode standalone\` first.`);
  process.exit(2);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** One mapping segment's VLQ fields (column, source, line, column, name deltas). */
function decode(segment) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >> 1) : value >> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

const lines = readFileSync(file, 'utf8').split('\n');
const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
const bytes = new Map();
let source = 0;
map.mappings.split(';').forEach((mapped, lineIndex) => {
  const line = lines[lineIndex] ?? '';
  let column = 0;
  const segments = [];
  for (const segment of mapped.split(',')) {
    if (!segment) continue;
    const fields = decode(segment);
    column += fields[0];
    if (fields.length > 1) source += fields[1];
    segments.push({ column, source: fields.length > 1 ? source : -1 });
  }
  segments.forEach((segment, i) => {
    const end = i + 1 < segments.length ? segments[i + 1].column : line.length;
    const name = segment.source >= 0 ? map.sources[segment.source].replace(/^(\.\.\/)+/, '') : 'unmapped';
    bytes.set(name, (bytes.get(name) ?? 0) + end - segment.column);
  });
});
const total = lines.reduce((sum, line) => sum + line.length, 0);
const mapped = [...bytes.values()].reduce((a, b) => a + b, 0);
if (total > mapped) bytes.set('unmapped', (bytes.get('unmapped') ?? 0) + total - mapped);
const rows = [...bytes].sort((a, b) => b[1] - a[1]).slice(0, top);
for (const [name, n] of rows) console.log(`${String(n).padStart(8)}  ${name}`);
console.log(`${String(total).padStart(8)}  total (${relative(process.cwd(), file)}, minified bytes, before gzip)`);
