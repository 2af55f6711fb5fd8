// crc64OfBlob in Chromium, whose Blob streams hand over pieces of their own size (not Node's): the 1 MiB reused
// BYOB buffer must give the same CRC as hashing the bytes at once, from any offset (docs/integrity-and-wan.md#cost).
import { expect } from '@open-wc/testing';
import { crc64 } from '../../../src/core/integrity/crc64.js';
import { crc64OfBlob } from '../../../src/core/integrity/verify.js';

function bytesOf(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('crc64OfBlob in Chromium', () => {
  it('hashes a Blob larger than its read buffer to the same value as the bytes, whole and sliced at odd offsets', async () => {
    const data = bytesOf(5 * 1024 * 1024 + 3, 5);
    const blob = new Blob([data]);
    expect(await crc64OfBlob(blob)).to.equal(crc64(data));
    expect(await crc64OfBlob(blob.slice(1, 3 * 1024 * 1024 + 2))).to.equal(crc64(data.subarray(1, 3 * 1024 * 1024 + 2)));
    expect(await crc64OfBlob(blob.slice(7, 262_151))).to.equal(crc64(data.subarray(7, 262_151)));
  });

  it('rejects when aborted while reading, and a later hash of the same Blob still succeeds', async () => {
    const data = bytesOf(4 * 1024 * 1024, 6);
    const blob = new Blob([data]);
    const controller = new AbortController();
    const pending = crc64OfBlob(blob, controller.signal);
    controller.abort(new Error('stopped'));
    let error: unknown;
    await pending.catch((err: unknown) => { error = err; });
    expect((error as Error)?.message).to.equal('stopped');
    expect(await crc64OfBlob(blob)).to.equal(crc64(data));
  });
});
