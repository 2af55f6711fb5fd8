import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Crc64, crc64, crc64Combine } from '../../../../src/core/integrity/crc64.js';
import { bytes } from '../../emulator/helpers.js';
import { combinedCrc64, crc64OfBlob, reportedCrc64 } from '../../../../src/core/integrity/verify.js';

test('CRC-64/XZ check values of docs/protocol.md#crc-64', () => {
  assert.equal(crc64(Buffer.from('123456789')), '11051210869376104954');
  assert.equal(crc64(Buffer.from('[Object Content]')), '16749565679157681890');
  assert.equal(crc64(Buffer.from('[Object Part]')), '4510578591875220731');
  assert.equal(crc64(Buffer.alloc(0)), '0');
});

test('streaming in uneven, unaligned chunks gives the one-shot value', () => {
  const data = bytes(100_003, 7);
  const whole = crc64(data);
  for (const offset of [0, 1, 2, 3, 5]) {
    const slice = data.subarray(offset);
    const c = new Crc64();
    for (let i = 0; i < slice.length; i += 4097) c.update(slice.subarray(i, i + 4097));
    assert.equal(c.digest(), crc64(Buffer.from(slice)), `offset ${offset}`);
  }
  assert.equal(new Crc64().update(data.subarray(0, 1)).update(data.subarray(1)).digest(), whole);
});

/** Bit at a time, straight from the definition: the reference the table-driven code must match. */
function bitwiseCrc64(data: Uint8Array): string {
  let crc = 0xffffffffffffffffn;
  for (const byte of data) {
    crc ^= BigInt(byte);
    for (let bit = 0; bit < 8; bit++) crc = crc & 1n ? (crc >> 1n) ^ 0xc96c5795d7870f42n : crc >> 1n;
  }
  return (crc ^ 0xffffffffffffffffn).toString();
}

test('the table-driven CRC matches the bitwise definition for every table and alignment', () => {
  // Lengths around the 8-byte step, offsets 0..7: every table entry pair and the head/tail byte loops are used.
  const data = bytes(4099, 11);
  for (const offset of [0, 1, 2, 3, 4, 5, 6, 7]) {
    for (const length of [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000, 4091]) {
      const slice = data.subarray(offset, offset + length);
      assert.equal(crc64(slice), bitwiseCrc64(slice), `offset ${offset}, length ${length}`);
    }
  }
  // Each byte value in each of the eight positions of a step reaches its own table entry.
  const sweep = Uint8Array.from({ length: 2048 }, (_, i) => (i * 7 + (i >> 8)) & 0xff);
  assert.equal(crc64(sweep), bitwiseCrc64(sweep));
});

test('crc64Combine(crc(A), crc(B), |B|) equals crc(A‖B)', () => {
  const a = bytes(1_048_576, 3);
  const b = bytes(77_777, 4);
  assert.equal(crc64Combine(crc64(a), crc64(b), b.length), crc64(Buffer.concat([a, b])));
  assert.equal(crc64Combine(crc64(a), crc64(Buffer.alloc(0)), 0), crc64(a));
});

test('crc64OfBlob streams a Blob (several chunks) to the one-shot value', async () => {
  const data = bytes(3 * 65_536 + 17, 9);
  assert.equal(await crc64OfBlob(new Blob([Uint8Array.from(data)])), crc64(data));
  assert.equal(await crc64OfBlob(new Blob([Uint8Array.from(data)]).slice(1000, 200_000)), crc64(data.subarray(1000, 200_000)));
  assert.equal(await crc64OfBlob(new Blob([])), '0');
  // Over the 256 KiB read buffer: read as a stream, buffer reused; below it: one read.
  const big = bytes(600_001, 4);
  assert.equal(await crc64OfBlob(new Blob([Uint8Array.from(big)])), crc64(big));
  assert.equal(await crc64OfBlob(new Blob([Uint8Array.from(big)]).slice(0, 262_144)), crc64(big.subarray(0, 262_144)));
  assert.equal(await crc64OfBlob(new Blob([Uint8Array.from(big)]).slice(0, 262_145)), crc64(big.subarray(0, 262_145)));
  // Over the 1 MiB stream buffer: it is filled and reused several times, from an odd offset.
  const parts = bytes(3 * 1_048_576 + 5, 7);
  assert.equal(await crc64OfBlob(new Blob([Uint8Array.from(parts)])), crc64(parts));
  assert.equal(await crc64OfBlob(new Blob([Uint8Array.from(parts)]).slice(3, 2 * 1_048_576 + 1)), crc64(parts.subarray(3, 2 * 1_048_576 + 1)));
});

test('crc64OfBlob stops when aborted', async () => {
  const controller = new AbortController();
  controller.abort(new Error('stop'));
  await assert.rejects(crc64OfBlob(new Blob([Uint8Array.from(bytes(1000, 1))]), controller.signal), /stop/);
});

test('combinedCrc64 of parts in order equals the CRC of the whole', () => {
  const whole = bytes(2_500_000, 21);
  const cuts = [0, 1_048_576, 2_097_152, whole.length];
  const parts = cuts.slice(1).map((end, i) => ({ crc64: crc64(whole.subarray(cuts[i], end)), size: end - cuts[i] }));
  assert.equal(combinedCrc64(parts), crc64(whole));
  assert.equal(combinedCrc64(parts.slice(0, 1)), parts[0].crc64);
  assert.notEqual(combinedCrc64([parts[1], parts[0], parts[2]]), crc64(whole), 'order matters');
});

test('reportedCrc64 reads the header only when it is a decimal 64-bit value', () => {
  assert.equal(reportedCrc64({ 'x-cos-hash-crc64ecma': ' 16749565679157681890 ' }), '16749565679157681890');
  assert.equal(reportedCrc64({}), undefined);
  assert.equal(reportedCrc64({ 'x-cos-hash-crc64ecma': '' }), undefined);
  assert.equal(reportedCrc64({ 'x-cos-hash-crc64ecma': '0x12' }), undefined);
});
