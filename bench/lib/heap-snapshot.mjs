// Heap snapshots for the memory diagnostics (docs/many-files-throughput.md#what-a-finished-file-keeps): take one
// of the page through DevTools, and sum a snapshot's objects by kind to compare two of them.
import { readFileSync, writeFileSync } from 'node:fs';

/** Writes the page's heap (after a forced GC) to `path`. */
export async function takeHeapSnapshot(cdp, path) {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks = [];
  const onChunk = ({ chunk }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  writeFileSync(path, chunks.join(''));
}

/** Count and self size per kind: the constructor's name for objects and closures, the node type otherwise. */
export function heapKinds(path) {
  const snap = JSON.parse(readFileSync(path, 'utf8'));
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const types = snap.snapshot.meta.node_types[0];
  const kinds = new Map();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]];
    const name = type === 'object' || type === 'closure' ? snap.strings[snap.nodes[i + nameAt]].slice(0, 60) : '';
    const kind = name ? `${type} ${name}` : type;
    const entry = kinds.get(kind) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += snap.nodes[i + sizeAt];
    kinds.set(kind, entry);
  }
  return kinds;
}

/** The kinds that grew from `before` to `after`, per file, largest first. */
export function grownPerFile(before, after, files, top = 25) {
  return [...after].map(([kind, a]) => {
    const b = before.get(kind) ?? { count: 0, bytes: 0 };
    return { kind, bytesPerFile: +((a.bytes - b.bytes) / files).toFixed(1), countPerFile: +((a.count - b.count) / files).toFixed(2) };
  }).filter((g) => Math.abs(g.bytesPerFile) >= 2).sort((x, y) => y.bytesPerFile - x.bytesPerFile).slice(0, top);
}
