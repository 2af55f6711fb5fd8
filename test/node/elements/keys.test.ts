import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeyAllocator, uniqueKey } from '../../../src/elements/uploader/keys.js';

describe('KeyAllocator', () => {
  it('numbers duplicates per key: a.png, a-2.png, a-3.png; other keys keep their own count', () => {
    const keys = new KeyAllocator(['photos/a.png']);
    assert.equal(keys.take('photos/a.png'), 'photos/a-2.png');
    assert.equal(keys.take('photos/a.png'), 'photos/a-3.png');
    assert.equal(keys.take('b'), 'b');
    assert.equal(keys.take('b'), 'b-2');
    assert.equal(keys.take('dir.v1/readme'), 'dir.v1/readme');
    assert.equal(keys.take('dir.v1/readme'), 'dir.v1/readme-2');
  });

  it('skips numbered names already taken, and peek does not take', () => {
    const keys = new KeyAllocator(['a.png', 'a-2.png', 'a-4.png']);
    assert.equal(keys.peek('a.png'), 'a-3.png');
    assert.equal(keys.take('a.png'), 'a-3.png');
    assert.equal(keys.take('a.png'), 'a-5.png');
    assert.equal(uniqueKey('a.png', new Set(['a.png'])), 'a-2.png');
  });

  it('10,000 files of one name take linear time, not quadratic', () => {
    const keys = new KeyAllocator();
    const t0 = performance.now();
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i += 1) seen.add(keys.take('image.jpg'));
    const ms = performance.now() - t0;
    assert.equal(seen.size, 10_000);
    assert.ok(seen.has('image-10000.jpg'));
    // Counting up from 2 each time took seconds; generous headroom for a loaded machine.
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
  });
});
