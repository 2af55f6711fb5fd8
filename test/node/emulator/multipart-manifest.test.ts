// A completed multipart object is stored as the ordered list of its part files (linked into place, never copied):
// byte-identical reads in full and by ranges across part boundaries, overwrite, delete, image processing,
// and what a crash in the middle of a commit leaves behind.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { crc64, crc64Combine } from '../../../src/core/integrity/crc64.js';
import { ObjectStore, type CommitStep } from '../../../src/emulator/object-store.js';
import {
  BUCKET, bytes, completeBody, cos, md5Base64, md5Hex, startEmulator, tempFiles, waitFor, xmlField, type TestEmulator,
} from './helpers.js';

const MiB = 1024 * 1024;

function shardDir(root: string, key: string): { dir: string; hash: string } {
  const hash = createHash('sha256').update(key, 'utf8').digest('hex');
  return { dir: join(root, 'objects', hash.slice(0, 2)), hash };
}

/** The object's entries on disk: its metadata plus a `.data` file or a `.parts` directory. */
function entriesOf(t: TestEmulator, key: string): string[] {
  const { dir, hash } = shardDir(join(t.dataDir, BUCKET), key);
  try {
    return readdirSync(dir).filter((n) => n.startsWith(hash)).map((n) => n.slice(hash.length)).sort();
  } catch {
    return [];
  }
}

/** `['.*.data', '.json']` for a single-file object, `['.*.parts', '.json']` for a manifest object. */
function kinds(t: TestEmulator, key: string): string[] {
  return entriesOf(t, key).map((e) => e.replace(/^\.[0-9a-z]+\./, '.*.')).sort();
}

function partInodes(t: TestEmulator, key: string): number[] {
  const { dir, hash } = shardDir(join(t.dataDir, BUCKET), key);
  const partsDir = readdirSync(dir).find((n) => n.startsWith(hash) && n.endsWith('.parts'))!;
  return readdirSync(join(dir, partsDir)).sort().map((n) => statSync(join(dir, partsDir, n)).ino);
}

function uploadDir(t: TestEmulator, uploadId: string): string {
  return join(t.dataDir, BUCKET, 'uploads', uploadId);
}

async function upload(t: TestEmulator, key: string, parts: Buffer[], headers: Record<string, string> = {}) {
  const uploadId = xmlField((await cos(t, { method: 'POST', key, query: { uploads: '' } })).text, 'UploadId')!;
  for (const [i, body] of parts.entries()) {
    const res = await cos(t, { method: 'PUT', key, query: { partNumber: String(i + 1), uploadId }, body });
    assert.equal(res.status, 200, res.text);
  }
  return { uploadId, complete: () => complete(t, key, uploadId, parts.map((p, i) => ({ partNumber: i + 1, etag: `"${md5Hex(p)}"` })), headers) };
}

function complete(t: TestEmulator, key: string, uploadId: string, parts: { partNumber: number; etag: string }[], headers: Record<string, string> = {}) {
  const body = completeBody(parts);
  return cos(t, { method: 'POST', key, query: { uploadId }, body, headers: { 'Content-MD5': md5Base64(body), ...headers } });
}

describe('multipart objects stored as a manifest of their parts', () => {
  let t: TestEmulator;
  before(async () => {
    t = await startEmulator();
  });
  after(() => t.close());

  test('served byte-identical in full and by ranges across part boundaries; HEAD size, ETag, CRC-64', async () => {
    const key = 'manifest/whole.bin';
    const chunks = [bytes(MiB, 21), bytes(MiB + 7, 22), bytes(1234, 23)];
    const whole = Buffer.concat(chunks);
    const { uploadId, complete: done } = await upload(t, key, chunks);
    const uploaded = readdirSync(uploadDir(t, uploadId)).filter((n) => n.endsWith('.part')).sort()
      .map((n) => statSync(join(uploadDir(t, uploadId), n)).ino);
    const res = await done();
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(partInodes(t, key), uploaded, 'the object is made of the uploaded part files themselves');
    assert.throws(() => statSync(uploadDir(t, uploadId)), /ENOENT/, 'the upload is gone');
    assert.equal(res.headers['x-cos-hash-crc64ecma'], crc64(whole));

    const get = await cos(t, { method: 'GET', key });
    assert.equal(get.status, 200);
    assert.ok(get.body.equals(whole));
    const head = await cos(t, { method: 'HEAD', key });
    assert.equal(head.headers['content-length'], String(whole.length));
    assert.equal(head.headers.etag, xmlField(res.text, 'ETag')!.replace(/&quot;/g, '"'));
    assert.match(String(head.headers.etag), /^"[0-9a-f]{32}-3"$/);
    assert.equal(head.headers['x-cos-hash-crc64ecma'], crc64(whole));

    const b1 = MiB;
    const b2 = 2 * MiB + 7;
    const ranges: [string, number, number][] = [
      [`bytes=${b1 - 10}-${b1 + 9}`, b1 - 10, b1 + 9],
      [`bytes=${b1 - 1}-${b2}`, b1 - 1, b2],
      [`bytes=5-${whole.length - 5}`, 5, whole.length - 5],
      [`bytes=0-${b1 - 1}`, 0, b1 - 1],
      [`bytes=${b1}-${b2 - 1}`, b1, b2 - 1],
      [`bytes=${b2}-`, b2, whole.length - 1],
      ['bytes=-2000', whole.length - 2000, whole.length - 1],
      [`bytes=${b2 - 1}-${b2 - 1}`, b2 - 1, b2 - 1],
    ];
    for (const [range, start, end] of ranges) {
      const part = await cos(t, { method: 'GET', key, headers: { Range: range } });
      assert.equal(part.status, 206, range);
      assert.equal(part.headers['content-range'], `bytes ${start}-${end}/${whole.length}`, range);
      assert.ok(part.body.equals(whole.subarray(start, end + 1)), range);
    }
    assert.deepEqual(tempFiles(t), []);
  });

  test('overwrite in every direction; DELETE removes the part files', async () => {
    const key = 'manifest/overwrite.bin';
    const first = [bytes(MiB, 31), bytes(100, 32)];
    assert.equal((await (await upload(t, key, first)).complete()).status, 200);
    assert.deepEqual(kinds(t, key), ['.*.parts', '.json']);

    assert.equal((await cos(t, { method: 'PUT', key, body: 'simple' })).status, 200);
    assert.equal((await cos(t, { method: 'GET', key })).text, 'simple');
    assert.deepEqual(kinds(t, key), ['.*.data', '.json'], 'a PUT object is one file');

    const second = [bytes(MiB, 33), bytes(MiB, 34), bytes(1, 35)];
    assert.equal((await (await upload(t, key, second)).complete()).status, 200);
    assert.ok((await cos(t, { method: 'GET', key })).body.equals(Buffer.concat(second)));
    const third = [bytes(MiB, 36), bytes(10, 37)];
    assert.equal((await (await upload(t, key, third)).complete()).status, 200);
    assert.ok((await cos(t, { method: 'GET', key })).body.equals(Buffer.concat(third)));
    assert.equal((await cos(t, { method: 'HEAD', key })).headers['content-length'], String(MiB + 10));
    assert.equal(entriesOf(t, key).length, 2, 'replaced data is gone');

    assert.equal((await cos(t, { method: 'DELETE', key })).status, 204);
    assert.deepEqual(entriesOf(t, key), []);
    assert.equal((await cos(t, { method: 'GET', key })).status, 404);
  });

  test('a multipart image: Pic-Operations on Complete, download-time processing, image_process', async () => {
    const key = 'manifest/noise.png';
    const raw = bytes(800 * 600 * 3, 41);
    const png = await sharp(raw, { raw: { width: 800, height: 600, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    assert.ok(png.length > MiB + 1000);
    const { complete: done } = await upload(t, key, [png.subarray(0, MiB), png.subarray(MiB)], {
      'Pic-Operations': JSON.stringify({ is_pic_info: 1, rules: [{ fileid: 'small.png', rule: 'imageMogr2/thumbnail/80x' }] }),
    });
    const res = await done();
    assert.equal(res.status, 200, res.text);
    assert.match(res.text, /<ImageInfo>.*<Width>800<\/Width>.*<ProcessResults>.*<Key>manifest\/small.png<\/Key>.*<Width>80<\/Width>/s);
    assert.equal((await sharp((await cos(t, { method: 'GET', key: 'manifest/small.png' })).body).metadata()).width, 80);

    const processed = await cos(t, { method: 'GET', key, query: { 'imageMogr2/thumbnail/40x': '' } });
    assert.equal(processed.status, 200, processed.text);
    assert.equal((await sharp(processed.body).metadata()).width, 40);
    const later = await cos(t, {
      method: 'POST', key, query: { image_process: '' },
      headers: { 'Pic-Operations': JSON.stringify({ rules: [{ fileid: 'later.png', rule: 'imageMogr2/thumbnail/30x' }] }) },
    });
    assert.match(later.text, /<Key>manifest\/later.png<\/Key>.*<Width>30<\/Width>/s);
    assert.ok((await cos(t, { method: 'GET', key })).body.equals(png));
  });

  test('Complete of 1000 parts (1000 MiB) reads no part bytes: it links the files and answers fast', async () => {
    const key = 'manifest/many.bin';
    const count = 1000;
    const chunk = bytes(MiB, 51);
    const uploadId = xmlField((await cos(t, { method: 'POST', key, query: { uploads: '' } })).text, 'UploadId')!;
    assert.equal((await cos(t, { method: 'PUT', key, query: { partNumber: '1', uploadId }, body: chunk })).status, 200);
    // Parts 2…1000 are hard links of part 1's file, so the test costs no disk space or upload time.
    const dir = uploadDir(t, uploadId);
    const firstPart = readdirSync(dir).find((n) => n.endsWith('.part'))!;
    for (let n = 2; n <= count; n++) linkSync(join(dir, firstPart), join(dir, `${String(n).padStart(5, '0')}${firstPart.slice(5)}`));
    const inode = statSync(join(dir, firstPart)).ino;

    const etag = md5Hex(chunk);
    const requested = Array.from({ length: count }, (_, i) => ({ partNumber: i + 1, etag }));
    const started = performance.now();
    const res = await complete(t, key, uploadId, requested);
    const elapsed = performance.now() - started;
    assert.equal(res.status, 200, res.text);
    assert.ok(elapsed < 1500, `Complete took ${elapsed.toFixed(0)} ms; copying 1000 MiB took about 3 s`);
    assert.ok(partInodes(t, key).every((ino) => ino === inode), 'every object part is the uploaded file, not a copy');

    const partCrc = crc64(chunk);
    let crc = partCrc;
    for (let n = 2; n <= count; n++) crc = crc64Combine(crc, partCrc, MiB);
    const head = await cos(t, { method: 'HEAD', key });
    assert.equal(head.headers['content-length'], String(count * MiB));
    assert.equal(head.headers['x-cos-hash-crc64ecma'], crc);
    assert.match(String(head.headers.etag), /-1000"$/);
    const boundary = 500 * MiB;
    const range = await cos(t, { method: 'GET', key, headers: { Range: `bytes=${boundary - 3}-${boundary + 2}` } });
    assert.ok(range.body.equals(Buffer.concat([chunk.subarray(MiB - 3), chunk.subarray(0, 3)])));
    const tail = await cos(t, { method: 'GET', key, headers: { Range: 'bytes=-5' } });
    assert.ok(tail.body.equals(chunk.subarray(MiB - 5)));
    assert.equal((await cos(t, { method: 'DELETE', key })).status, 204);
    assert.deepEqual(entriesOf(t, key), []);
  });
});

describe('manifest objects in the store: readers, crashes mid-commit', () => {
  let root: string;
  let sources: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'cos-manifest-'));
    sources = join(root, 'sources');
    mkdirSync(sources);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  function partFiles(name: string, chunks: Buffer[]): { path: string; size: number }[] {
    return chunks.map((c, i) => {
      const path = join(sources, `${name}-${i}`);
      writeFileSync(path, c);
      return { path, size: c.length };
    });
  }

  const init = (chunks: Buffer[]) => ({
    contentType: 'application/octet-stream', headers: {}, etag: `"x-${chunks.length}"`,
    crc64: chunks.slice(1).reduce((acc, c) => crc64Combine(acc, crc64(c), c.length), crc64(chunks[0])),
  });

  test('a reader keeps the data it opened while the object is replaced; the old parts go when it is done', async () => {
    const store = new ObjectStore(join(root, 'readers'));
    await store.init();
    const old = [bytes(3000, 61), bytes(5000, 62)];
    await store.commitParts('k', partFiles('readers-old', old), init(old));
    const opened = (await store.open('k', { start: 2990, end: 3010 }))!;
    await store.putBuffer('k', Buffer.from('new'), 'text/plain');
    const oldParts = readdirSync(shardDir(join(root, 'readers'), 'k').dir).filter((n) => n.endsWith('.parts'));
    assert.equal(oldParts.length, 1, 'still there while read');
    const chunks: Buffer[] = [];
    for await (const c of opened.stream) chunks.push(c as Buffer);
    assert.ok(Buffer.concat(chunks).equals(Buffer.concat(old).subarray(2990, 3011)));
    await waitFor(() => readdirSync(shardDir(join(root, 'readers'), 'k').dir).every((n) => !n.endsWith('.parts')));
    assert.equal((await store.readBuffer('k'))!.toString(), 'new');
  });

  for (const [step, visible] of [['staged', 'old'], ['committed', 'new']] as [CommitStep, 'old' | 'new'][]) {
    test(`a crash at "${step}" leaves the ${visible} object; a restart removes the leftovers`, async () => {
      const dataDir = join(root, `crash-${step}`);
      const crashed = new ObjectStore(dataDir);
      await crashed.init();
      const key = `crash/${step}`;
      const previous = [bytes(2000, 71), bytes(10, 72)];
      await crashed.commitParts(key, partFiles(`${step}-old`, previous), init(previous));
      const next = [bytes(4000, 73), bytes(4000, 74), bytes(3, 75)];
      const nextFiles = partFiles(`${step}-new`, next);
      let reached!: () => void;
      const parked = new Promise<void>((resolve) => (reached = resolve));
      crashed.commitHook = async (at) => {
        if (at !== step) return;
        reached();
        await new Promise(() => undefined);
      };
      void crashed.commitParts(key, nextFiles, init(next));
      await parked;

      const restarted = new ObjectStore(dataDir);
      await restarted.init();
      const expected = Buffer.concat(visible === 'old' ? previous : next);
      assert.ok((await restarted.readBuffer(key))!.equals(expected));
      const meta = (await restarted.head(key))!;
      assert.equal(meta.size, expected.length);
      const { dir, hash } = shardDir(dataDir, key);
      assert.deepEqual(readdirSync(dir).sort(), [meta.dataFile, `${hash}.json`].sort(), 'no orphan data left');
      assert.deepEqual(readdirSync(join(dataDir, 'tmp')), []);
      for (const f of nextFiles) assert.equal(statSync(f.path).size, f.size, 'the upload\'s parts are intact, so Complete can be retried');
      if (visible === 'old') {
        await restarted.commitParts(key, nextFiles, init(next));
        assert.ok((await restarted.readBuffer(key))!.equals(Buffer.concat(next)));
      }
    });
  }
});
