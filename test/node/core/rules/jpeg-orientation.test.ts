import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jpegOrientation, orientationTag } from '../../../../src/core/rules/jpeg-orientation.js';
import { extractExifSegment, insertExifSegment, withExifOrientation } from '../../../../src/emulator/image/jpeg-meta.js';

/** A JPEG head (SOI, APP1 Exif with one IFD0 entry, then SOS) whose Orientation entry has the given type and value. */
function jpegWith(value: number, { little = false, type = 3 } = {}): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  const w16 = (v: number, o: number) => (little ? tiff.writeUInt16LE(v, o) : tiff.writeUInt16BE(v, o));
  const w32 = (v: number, o: number) => (little ? tiff.writeUInt32LE(v, o) : tiff.writeUInt32BE(v, o));
  tiff.write(little ? 'II' : 'MM', 0, 'latin1');
  w16(42, 2);
  w32(8, 4);
  w16(1, 8);
  w16(0x0112, 10);
  w16(type, 12);
  w32(1, 14);
  w16(value, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, Buffer.from([0xff, 0xda, 0, 2])]);
}

test('the editor and the emulator read and write the same Orientation entry, in both byte orders', () => {
  for (const little of [false, true]) {
    for (const value of [1, 3, 6, 8]) {
      const jpeg = jpegWith(value, { little });
      assert.equal(jpegOrientation(new Uint8Array(jpeg)), value);
      const app1 = extractExifSegment(jpeg);
      assert.ok(app1);
      const upright = insertExifSegment(jpeg, withExifOrientation(app1, 1));
      assert.equal(jpegOrientation(new Uint8Array(upright)), 1, 'auto-orient writes 1 where the editor reads it');
      assert.equal(jpegOrientation(new Uint8Array(insertExifSegment(jpeg, withExifOrientation(app1, 5)))), 5);
    }
  }
});

test('bad Orientation entries read as upright and are left alone by the emulator', () => {
  // Not a SHORT: malformed, so neither side trusts or rewrites it.
  const wrongType = jpegWith(6, { type: 4 });
  assert.equal(jpegOrientation(new Uint8Array(wrongType)), 1);
  const app1 = extractExifSegment(wrongType)!;
  assert.deepEqual(withExifOrientation(app1, 1), app1);
  // Out of range: the editor shows it as stored.
  assert.equal(jpegOrientation(new Uint8Array(jpegWith(9))), 1);
  // Cut short inside the TIFF header or the entry.
  const tiff = app1.subarray(10);
  for (const length of [0, 4, 9, 15, 21]) assert.equal(orientationTag(tiff, 0, length), undefined, `cut at ${length}`);
  assert.deepEqual(orientationTag(tiff, 0, tiff.length), undefined, 'type 4 is not an Orientation value');
  const good = extractExifSegment(jpegWith(6))!.subarray(10);
  assert.deepEqual(orientationTag(good, 0, good.length), { offset: 18, little: false });
});
