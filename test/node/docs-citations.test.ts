// The repository explains itself: comments cite `docs/…` and CONTRIBUTING.md, never documents that are not in the
// repository (outside specs, their section numbers, issue numbers), and every cited heading exists.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const self = relative(root, new URL(import.meta.url).pathname);
const SCANNED = ['src', 'test', 'bench', 'scripts', 'demo', 'docs', 'README.md', 'CONTRIBUTING.md', 'vite.config.ts', 'index.html'];
const SKIPPED = /(^|\/)(node_modules|results|\.work)(\/|$)/;
const TEXT = /\.(ts|mjs|js|html|css|md)$/;

/** Citations of documents that live outside this repository. */
const OUTSIDE = [
  /cos-protocol\.md/,
  /imagemogr2\.md/,
  /anchors-upload-widgets/,
  /toolchain-spike/,
  /architecture(\.md)?\s+[A-Z]\.\d/,
  /§\s?\d/,
  /\bissue #\d+/i,
  /\[(INF|DOC|RUN|SRC|3P)\]/,
];

function files(): string[] {
  return SCANNED.filter((p) => existsSync(join(root, p))).flatMap((p) => {
    if (TEXT.test(p)) return [p];
    return readdirSync(join(root, p), { recursive: true })
      .map((f) => join(p, String(f)))
      .filter((f) => TEXT.test(f) && !SKIPPED.test(f));
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdownFile: string): Set<string> {
  const text = readFileSync(join(root, markdownFile), 'utf8');
  return new Set(
    [...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) =>
      m[1].trim().toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-'),
    ),
  );
}

describe('citations in the repository', () => {
  const scanned = files().filter((f) => f !== self);

  it('scans the source, tests, scripts and docs', () => {
    assert.ok(scanned.length > 200, `only ${scanned.length} files found`);
    assert.ok(scanned.includes('src/core/rules/validate.ts') && scanned.includes('docs/protocol.md'));
  });

  it('no file cites a document that is not in the repository', () => {
    const hits = scanned.flatMap((f) =>
      readFileSync(join(root, f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (OUTSIDE.some((re) => re.test(line)) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    assert.deepEqual(hits, []);
  });

  it('every cited docs/…md#anchor and CONTRIBUTING.md#anchor names an existing heading', () => {
    const anchors = new Map<string, Set<string>>();
    const broken: string[] = [];
    let count = 0;
    for (const f of scanned) {
      const text = readFileSync(join(root, f), 'utf8');
      for (const m of text.matchAll(/\b((?:docs\/)?[\w-]+\.md)#([\w-]+)/g)) {
        const doc = m[1].startsWith('docs/') || m[1] === 'CONTRIBUTING.md' ? m[1] : f.startsWith('docs/') ? `docs/${m[1]}` : m[1];
        if (!existsSync(join(root, doc))) {
          broken.push(`${f}: ${m[0]} (no such file)`);
          continue;
        }
        if (!anchors.has(doc)) anchors.set(doc, anchorsOf(doc));
        count++;
        if (!anchors.get(doc)!.has(m[2])) broken.push(`${f}: ${m[0]}`);
      }
    }
    assert.deepEqual(broken, []);
    assert.ok(count > 100, `only ${count} citations checked`);
  });
});
