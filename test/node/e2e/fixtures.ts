// Files the tests hand to the page, made on disk in a throwaway folder.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

export const MiB = 1024 * 1024;

export interface Fixtures {
  dir: string;
  /** A 1200×800 JPEG with a gradient and shapes, so thumbnails are recognisable in screenshots. */
  photo: string;
  /** 30 MiB of random bytes: multipart with the default 8 MiB parts (4 parts). */
  big: string;
  /** Writes a file and returns its path. */
  write(name: string, data: Buffer): string;
  remove(): void;
}

/** A landscape-ish picture: sky gradient, a sun, hills (raw pixels through sharp). */
export async function drawPhoto(width: number, height: number, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const t = y / height;
      const sun = (x - width * 0.7) ** 2 + (y - height * 0.3) ** 2 < (height * 0.12) ** 2;
      const hill = y > height * (0.65 - 0.12 * Math.sin((x / width) * Math.PI * 2));
      const [r, g, b] = sun ? [249, 115, 22] : hill ? [22, 101, 52] : [14 + 240 * t, 165 + 65 * t, 233 - 95 * t];
      pixels[i] = r;
      pixels[i + 1] = g;
      pixels[i + 2] = b;
    }
  }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 85 }).toBuffer();
}

export async function makeFixtures(): Promise<Fixtures> {
  const dir = mkdtempSync(join(tmpdir(), 'cos-e2e-files-'));
  const write = (name: string, data: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, data);
    return path;
  };
  return {
    dir,
    photo: write('photo.jpg', await drawPhoto(1200, 800)),
    big: write('big.bin', randomBytes(30 * MiB)),
    write,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(typeof data === 'string' ? readFileSync(data) : data).digest('hex');
}
