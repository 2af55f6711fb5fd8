/**
 * Emulator throughput: a generated file (default 1 GiB) uploaded in 8 MiB parts over loopback by a Node
 * client (parallel parts streamed from disk) to the emulator running in its own process (`npm run emulator`).
 * Prints MiB/s beside two baselines measured on this machine — MD5 + CRC-64 hashing speed (the server's
 * per-byte CPU work) and disk write speed — so one can tell whether the server code or the machine is the limit.
 *
 *   npx tsx bench/emulator-throughput.ts [--size-mib 1024] [--part-mib 8] [--parallel 6] [--keep]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getAuthorization } from '../src/core/auth/sign.js';
import { nodeHash } from '../src/node/node-hash.js';
import { Crc64 } from '../src/core/integrity/crc64.js';

const MiB = 1024 * 1024;
const root = new URL('..', import.meta.url).pathname;
const { values: flags } = parseArgs({
  options: {
    'size-mib': { type: 'string', default: '1024' },
    'part-mib': { type: 'string', default: '8' },
    parallel: { type: 'string', default: '6' },
    keep: { type: 'boolean', default: false },
  },
});
const size = Number(flags['size-mib']) * MiB;
const partSize = Number(flags['part-mib']) * MiB;
const parallel = Number(flags.parallel);
if (!(size > 0 && partSize >= MiB && parallel >= 1)) throw new Error('--size-mib > 0, --part-mib ≥ 1 and --parallel ≥ 1 are required');
const work = join(root, 'bench/.work', `throughput-${process.pid}`);
const log = (m: string) => console.error(`[throughput ${(performance.now() / 1000).toFixed(1)}s] ${m}`);
const mbps = (bytes: number, ms: number) => bytes / MiB / (ms / 1000);

/** Writes the test file from a random 8 MiB block (each block stamped differently) and returns its CRC-64. */
function writeTestFile(path: string): string {
  const block = randomBytes(8 * MiB);
  const crc = new Crc64();
  const fd = openSync(path, 'w');
  for (let offset = 0, n = 0; offset < size; offset += block.length, n++) {
    block.writeUInt32LE(n, 0);
    const piece = block.subarray(0, Math.min(block.length, size - offset));
    crc.update(piece);
    writeSync(fd, piece);
  }
  closeSync(fd);
  return crc.digest();
}

function hashBaseline(): { md5: number; crc64: number; both: number } {
  const buf = randomBytes(64 * MiB);
  const rounds = 4;
  const time = (fn: () => void) => {
    const t0 = performance.now();
    for (let i = 0; i < rounds; i++) fn();
    return mbps(buf.length * rounds, performance.now() - t0);
  };
  new Crc64().update(buf);
  const md5 = time(() => createHash('md5').update(buf).digest());
  const crc64 = time(() => new Crc64().update(buf).digest());
  const both = time(() => {
    createHash('md5').update(buf).digest();
    new Crc64().update(buf).digest();
  });
  return { md5, crc64, both };
}

/** Sequential 1 MiB writes like the server's write stream; with and without a final fsync. */
function diskBaseline(path: string, bytes: number): { cached: number; synced: number } {
  const block = randomBytes(MiB);
  const fd = openSync(path, 'w');
  const t0 = performance.now();
  for (let written = 0; written < bytes; written += MiB) writeSync(fd, block);
  const cachedMs = performance.now() - t0;
  fsyncSync(fd);
  const syncedMs = performance.now() - t0;
  closeSync(fd);
  rmSync(path);
  return { cached: mbps(bytes, cachedMs), synced: mbps(bytes, syncedMs) };
}

async function startEmulator(dataDir: string): Promise<{ child: ChildProcess; url: string; secretId: string; secretKey: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/emulator/cli.ts'), '--port', '0', '--data', dataDir], {
    cwd: root, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c) => {
      out += c;
      if (out.includes('admin:')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`emulator exited (${code}): ${out}`)));
  });
  const field = (name: string) => new RegExp(`${name}:\\s+(\\S+)`).exec(out)![1];
  return { child, url: field('url'), secretId: field('SecretId'), secretKey: field('SecretKey') };
}

/** utime + stime of a process in seconds (Linux /proc), to show how busy the server was. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; text: string }

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  const { bavail, bsize } = statfsSync(work);
  if (bavail * bsize < size * 3.5) throw new Error(`need ${(size * 3.5 / 2 ** 30).toFixed(1)} GiB free under ${work}`);
  const filePath = join(work, 'upload.bin');
  log(`writing a ${size / MiB} MiB test file`);
  const fileCrc = writeTestFile(filePath);
  log('baselines: MD5 + CRC-64 hashing, disk writes');
  const hash = hashBaseline();
  const disk = diskBaseline(join(work, 'disk-probe.bin'), Math.min(size, 512 * MiB));

  const emu = await startEmulator(join(work, 'data'));
  const endpoint = new URL(emu.url);
  const bucket = 'examplebucket-1250000000';
  const key = 'bench/upload.bin';
  const send = async (method: string, query: Record<string, string>, headers: Record<string, string>, body?: () => NodeJS.ReadableStream | Buffer): Promise<Answer> => {
    const signed = { Host: endpoint.host, ...headers };
    const authorization = await getAuthorization({ SecretId: emu.secretId, SecretKey: emu.secretKey, Method: method, Key: key, Query: query, Headers: signed }, nodeHash);
    const qs = Object.entries(query).map(([k, v]) => (v ? `${k}=${encodeURIComponent(v)}` : k)).join('&');
    return new Promise((resolve, reject) => {
      const req = request({ host: endpoint.hostname, port: endpoint.port, method, path: `/${bucket}/${key}${qs ? '?' + qs : ''}`, headers: { ...signed, Authorization: authorization } }, (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      const payload = body?.();
      if (!payload) req.end();
      else if (Buffer.isBuffer(payload)) req.end(payload);
      else payload.pipe(req);
    });
  };

  try {
    const init = await send('POST', { uploads: '' }, {});
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(init.text)![1];
    const count = Math.ceil(size / partSize);
    const etags: string[] = new Array(count);
    let next = 0;
    const cpuBefore = cpuSeconds(emu.child.pid!);
    log(`uploading ${count} parts of ${partSize / MiB} MiB, ${parallel} in parallel`);
    const t0 = performance.now();
    await Promise.all(Array.from({ length: parallel }, async () => {
      for (let i = next++; i < count; i = next++) {
        const start = i * partSize;
        const end = Math.min(size, start + partSize);
        const res = await send('PUT', { partNumber: String(i + 1), uploadId }, { 'Content-Length': String(end - start) },
          () => createReadStream(filePath, { start, end: end - 1, highWaterMark: MiB }));
        if (res.status !== 200) throw new Error(`part ${i + 1}: HTTP ${res.status} ${res.text}`);
        etags[i] = String(res.headers.etag);
      }
    }));
    const partsMs = performance.now() - t0;
    const cpuParts = cpuSeconds(emu.child.pid!);
    const xml = `<CompleteMultipartUpload>${etags.map((e, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${e}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
    const t1 = performance.now();
    const done = await send('POST', { uploadId }, { 'Content-Length': String(Buffer.byteLength(xml)) }, () => Buffer.from(xml));
    const completeMs = performance.now() - t1;
    if (done.status !== 200 || !done.text.includes('CompleteMultipartUploadResult')) throw new Error(`complete: ${done.status} ${done.text}`);
    const head = await send('HEAD', {}, {});
    const ok = head.headers['content-length'] === String(size) && head.headers['x-cos-hash-crc64ecma'] === fileCrc;
    const cpuAfter = cpuSeconds(emu.child.pid!);

    const rows: [string, string][] = [
      ['file', `${size / MiB} MiB, ${count} parts × ${partSize / MiB} MiB, ${parallel} parallel`],
      ['upload (parts)', `${mbps(size, partsMs).toFixed(0)} MiB/s (${(partsMs / 1000).toFixed(2)} s)`],
      ['complete (parts linked into place, no copy)', `${(completeMs / 1000).toFixed(2)} s`],
      ['end to end', `${mbps(size, partsMs + completeMs).toFixed(0)} MiB/s`],
      ['server CPU during parts', cpuBefore !== undefined && cpuParts !== undefined ? `${(cpuParts - cpuBefore).toFixed(2)} s (${(((cpuParts - cpuBefore) * 1000) / partsMs * 100).toFixed(0)} % of one core)` : 'n/a'],
      ['server CPU vs its unavoidable work', cpuBefore !== undefined && cpuParts !== undefined
        ? `${(cpuParts - cpuBefore).toFixed(2)} s measured; hashing ${(size / MiB / hash.both).toFixed(2)} s + page-cache writes ${(size / MiB / disk.cached).toFixed(2)} s = ${(size / MiB / hash.both + size / MiB / disk.cached).toFixed(2)} s`
        : 'n/a'],
      ['server CPU during complete', cpuParts !== undefined && cpuAfter !== undefined ? `${(cpuAfter - cpuParts).toFixed(2)} s` : 'n/a'],
      ['baseline: MD5 / CRC-64 / both', `${hash.md5.toFixed(0)} / ${hash.crc64.toFixed(0)} / ${hash.both.toFixed(0)} MiB/s (one core)`],
      ['baseline: disk write', `${disk.cached.toFixed(0)} MiB/s page cache, ${disk.synced.toFixed(0)} MiB/s incl. fsync`],
      ['verified', ok ? 'size and x-cos-hash-crc64ecma match the file' : `MISMATCH ${JSON.stringify(head.headers)}`],
    ];
    console.log('\n| emulator throughput | |\n|---|---|');
    for (const [name, value] of rows) console.log(`| ${name} | ${value} |`);
    if (!ok) process.exitCode = 1;
  } finally {
    emu.child.kill('SIGTERM');
    if (!flags.keep) rmSync(work, { recursive: true, force: true });
  }
}

await main();
