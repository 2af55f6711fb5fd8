// Import rules (CONTRIBUTING.md#import-rules), checked by reading the source files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(root, dir, f));
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2],
  );
}

function violations(dir: string, forbidden: RegExp): string[] {
  return sources(dir).flatMap((f) =>
    imports(f)
      .filter((spec) => forbidden.test(spec))
      .map((spec) => `${relative(root, f)} imports ${spec}`),
  );
}

describe('module boundaries', () => {
  it('src/core imports no lit, elements, events, emulator or node: modules', () => {
    assert.deepEqual(violations('src/core', /^lit|^@lit\/|\/elements\/|\/events\/|\/emulator\/|^node:|\/node\//), []);
  });
  it('only the XHR transport in src/core creates an XMLHttpRequest', () => {
    const users = sources('src/core').filter((f) => /new\s+XMLHttpRequest\b/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(users.map((f) => relative(root, f)).filter((f) => f !== 'src/core/http/xhr-transport.ts'), []);
  });
  it('src/elements never imports the emulator or node: modules', () => {
    assert.deepEqual(violations('src/elements', /\/emulator\/|^node:|\/node\//), []);
  });
  it('src/emulator never imports lit, elements or events', () => {
    assert.deepEqual(violations('src/emulator', /^lit|^@lit\/|\/elements\/|\/events\//), []);
  });
  it('src/core touches no DOM global at module load (imports cleanly in Node)', async () => {
    const core = await import('../../src/core/index.js');
    assert.equal(typeof core.getAuthorization, 'function');
  });
});
