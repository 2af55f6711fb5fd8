/**
 * The EXIF orientation of a JPEG (docs/rule-editor.md#exif-orientation). Image operations work on the stored
 * pixels unless the rule auto-orients first, while browsers show the picture upright: the editor needs both.
 */

/** The Orientation tag (1–8) of a JPEG's first bytes; 1 when absent, unreadable or not a JPEG. */
export function jpegOrientation(bytes: Uint8Array): number {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return 1;
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1];
    if (marker === 0xda || marker === 0xd9) return 1; // pixel data or the end: no Exif segment came first
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    const isExif = marker === 0xe1 && String.fromCharCode(...bytes.subarray(at + 4, at + 10)) === 'Exif\0\0';
    if (isExif) return tiffOrientation(bytes, at + 10, Math.min(bytes.length, at + 2 + length));
    at += 2 + length;
  }
  return 1;
}

function tiffOrientation(b: Uint8Array, start: number, end: number): number {
  const tag = orientationTag(b, start, end);
  if (!tag) return 1;
  const value = tag.little ? b[tag.offset] | (b[tag.offset + 1] << 8) : (b[tag.offset] << 8) | b[tag.offset + 1];
  return value >= 1 && value <= 8 ? value : 1;
}

/**
 * Where IFD0's Orientation value (tag 0x0112, a SHORT) sits in the TIFF block at `start` (the bytes after
 * `Exif\0\0`), reading no further than `end`; undefined when there is none or the block is cut short.
 * Shared with the emulator, which rewrites the value after auto-orient.
 */
export function orientationTag(b: Uint8Array, start: number, end: number): { offset: number; little: boolean } | undefined {
  if (start + 8 > end) return undefined;
  const little = b[start] === 0x49;
  const u16 = (o: number) => (little ? b[o] | (b[o + 1] << 8) : (b[o] << 8) | b[o + 1]);
  const u32 = (o: number) => (little ? u16(o) + u16(o + 2) * 0x10000 : u16(o) * 0x10000 + u16(o + 2));
  const ifd = start + u32(start + 4);
  if (ifd + 2 > end) return undefined;
  for (let n = 0, count = u16(ifd); n < count; n++) {
    const entry = ifd + 2 + n * 12;
    if (entry + 12 > end) return undefined;
    if (u16(entry) === 0x0112) return u16(entry + 2) === 3 ? { offset: entry + 8, little } : undefined;
  }
  return undefined;
}

/** The stored pixel size of a picture shown upright at `shown` (orientations 5–8 swap the sides). */
export function storedSize(shown: { width: number; height: number }, orientation: number): { width: number; height: number } {
  return orientation >= 5 && orientation <= 8 ? { width: shown.height, height: shown.width } : shown;
}
