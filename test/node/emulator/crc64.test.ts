import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Crc64, crc64, crc64Combine } from '../../../src/emulator/crc64.js';
import { bytes } from './helpers.js';

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

test('crc64Combine(crc(A), crc(B), |B|) equals crc(A‖B)', () => {
  const a = bytes(1_048_576, 3);
  const b = bytes(77_777, 4);
  assert.equal(crc64Combine(crc64(a), crc64(b), b.length), crc64(Buffer.concat([a, b])));
  assert.equal(crc64Combine(crc64(a), crc64(Buffer.alloc(0)), 0), crc64(a));
});
