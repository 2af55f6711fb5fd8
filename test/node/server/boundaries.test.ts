// cos-uploader/server must run in any fetch runtime: no Lit, no elements, no emulator, no node: modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = new URL('../../../src/server/', import.meta.url).pathname;

test('src/server imports only core code and (lazily) qcloud-cos-sts', () => {
  const found: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
      const spec = m[1] ?? m[2];
      const fine = spec.startsWith('./') || spec.startsWith('../core/') || spec === 'qcloud-cos-sts';
      if (!fine) found.push(`${file} imports ${spec}`);
    }
    if (/^import [^t].*from 'qcloud-cos-sts'/m.test(text)) found.push(`${file} imports qcloud-cos-sts eagerly`);
  }
  assert.deepEqual(found, []);
});
