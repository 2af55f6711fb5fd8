// Single-request uploads have their own, wider concurrency: small files wait on round trips, not bandwidth.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, tick } from './harness.js';
import { fileOf } from './fake-client.js';

const files = (n: number, size = 10_000) => Array.from({ length: n }, (_, i) => fileOf(size, `s${i}.bin`, i + 1));

describe('smallFileConcurrency', () => {
  it('holds exactly 6 small files open at once by default, and the explicit concurrency when given', async () => {
    for (const [options, expected] of [[{ concurrency: undefined }, 6], [{ concurrency: 2 }, 2], [{ concurrency: 2, smallFileConcurrency: 5 }, 5]] as const) {
      const { manager, client } = createHarness(options);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      client.gate = () => held;
      manager.add(files(12));
      for (let i = 0; i < 50 && client.inFlight < expected; i++) await tick(2);
      await tick(10);
      assert.equal(client.inFlight, expected, JSON.stringify(options));
      release();
      await manager.idle();
      assert.equal(client.maxInFlight, expected);
    }
  });
});
