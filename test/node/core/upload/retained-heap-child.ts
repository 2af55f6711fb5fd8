/**
 * Run with `node --expose-gc --import tsx`: uploads N small files through a manager over a client that keeps
 * nothing, and prints (JSON) the heap each finished file leaves behind while the manager still lists it.
 * Used by manager-heap.test.ts and by hand (docs/many-files-throughput.md#what-a-finished-file-keeps):
 *   node --expose-gc --import tsx test/node/core/upload/retained-heap-child.ts 3000 [--snapshot] [--no-verify]
 * `--snapshot` also prints which kinds of objects grew (from two heap snapshots), largest first; KEEP_SNAPSHOT=path
 * writes the final heap snapshot there (open it in DevTools' Memory panel).
 */
import { writeHeapSnapshot } from 'node:v8';
import { readFileSync, rmSync } from 'node:fs';
import { crc64 } from '../../../../src/core/integrity/crc64.js';
import { UploadManager } from '../../../../src/core/upload/manager.js';
import { MemoryResumeStore } from '../../../../src/core/upload/resume-store.js';
import type { ObjectClient, PutObjectOptions, PutObjectResult } from '../../../../src/core/types.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const count = Number(process.argv[2] ?? 2000);
const snapshots = process.argv.includes('--snapshot');
const verifyIntegrity = !process.argv.includes('--no-verify');

/** Answers every PUT in a later task, as a network would, with fresh strings like a real answer's; keeps nothing. */
const client: ObjectClient = {
  async putObject(key: string, body: Blob, options: PutObjectOptions = {}): Promise<PutObjectResult> {
    const bytes = new Uint8Array(await body.arrayBuffer());
    await new Promise((resolve) => setImmediate(resolve));
    options.onProgress?.(bytes.length, bytes.length);
    const etag = `"${crc64(bytes).padStart(32, '0').slice(-32)}"`;
    return { key, etag, location: `examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/${key}`, crc64: crc64(bytes) };
  },
  initiateMultipartUpload: () => Promise.reject(new Error('not used')),
  uploadPart: () => Promise.reject(new Error('not used')),
  listParts: () => Promise.reject(new Error('not used')),
  completeMultipartUpload: () => Promise.reject(new Error('not used')),
  abortMultipartUpload: () => Promise.reject(new Error('not used')),
};

function settle(): number {
  for (let i = 0; i < 4; i += 1) gc!();
  return process.memoryUsage().heapUsed;
}

type Counts = Map<string, { count: number; bytes: number }>;

/** Self size per object kind (constructor or closure name) in a heap snapshot. */
function kinds(path: string): Counts {
  const snap = JSON.parse(readFileSync(path, 'utf8')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  rmSync(path);
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const types = snap.snapshot.meta.node_types[0];
  const out: Counts = new Map();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]];
    const name = type === 'object' || type === 'closure' ? snap.strings[snap.nodes[i + nameAt]] : '';
    const label = `${type}${name ? ` ${name}` : ''}`;
    const entry = out.get(label) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += snap.nodes[i + sizeAt];
    out.set(label, entry);
  }
  return out;
}

const files = Array.from({ length: count }, (_, i) => new File([`file ${i}`.padEnd(8)], `img-${String(i).padStart(5, '0')}.jpg`, { type: 'image/jpeg' }));
const manager = new UploadManager({
  client, resumeStore: new MemoryResumeStore(), verifyIntegrity, network: { online: true, outages: 0, subscribe: () => () => undefined },
});
// A page listens: the list and the events (dropped as they come).
manager.subscribe(() => undefined);
manager.on(() => undefined);
// Warm the code paths once, so the measure sees data, not compiled code.
manager.add(files.slice(0, 50).map((f) => new File([f], `warm-${f.name}`)));
await manager.idle();
manager.clearFinished();
await new Promise((resolve) => setTimeout(resolve, 20));

// Node's File objects grow their own hidden classes on first use (a browser's picked File is a native object):
// use them once before the baseline, so the measure counts what the manager keeps, not Node's File internals.
for (const file of files) void [file.size, file.name, file.type, file.lastModified];
await new Blob(files).arrayBuffer();
const before = settle();
const beforeKinds = snapshots ? kinds(writeHeapSnapshot()) : undefined;
manager.add(files);
await manager.idle();
await new Promise((resolve) => setTimeout(resolve, 20));
const after = settle();
const list = manager.snapshot();
const done = list.filter((u) => u.status === 'done').length;
const result: Record<string, unknown> = { count, done, verifyIntegrity, bytesPerFile: Math.round((after - before) / count) };
if (beforeKinds) {
  const afterKinds = kinds(writeHeapSnapshot());
  result.grew = [...afterKinds].map(([label, a]) => {
    const b = beforeKinds.get(label) ?? { count: 0, bytes: 0 };
    return { label, perFile: +((a.bytes - b.bytes) / count).toFixed(1), countPerFile: +((a.count - b.count) / count).toFixed(2) };
  }).filter((g) => g.perFile >= 4).sort((x, y) => y.perFile - x.perFile).slice(0, 40);
}
if (process.env.KEEP_SNAPSHOT) writeHeapSnapshot(process.env.KEEP_SNAPSHOT);
// Keep the manager and the files alive through the measure.
result.kept = list.length + files.length;
console.log(JSON.stringify(result, null, 1));
