// Build step of the standalone bundle: the list of chunks the upload engine and the file list are made of, written
// into the entry where warm-up.ts holds its marker. The entry then asks for all of them at once instead of
// discovering the engine's imports one level per round trip (docs/cold-start.md#one-round-of-chunks).
import { posix } from 'node:path';
import { RolldownMagicString, type Plugin, type RenderedChunk } from 'rolldown';

/** The string warm-up.ts declares; replaced, quotes included, by an array literal of paths. */
export const UPLOAD_CHUNKS_MARKER = '__COS_UPLOAD_CHUNKS__';
/**
 * The modules whose chunks (with everything those import statically) make up the upload path, in the order they
 * are asked for: the engine first, since the first request needs it and a browser opens at most six HTTP/1.1
 * connections per host (on HTTP/2 the order hardly matters).
 */
const UPLOAD_MODULES = [/src[\\/]elements[\\/]uploader[\\/]engine\.ts$/, /src[\\/]elements[\\/]uploader[\\/]uploader-files\.ts$/];

type ChunkInfo = Pick<RenderedChunk, 'fileName' | 'facadeModuleId' | 'imports' | 'isEntry'>;

/**
 * The chunks holding UPLOAD_MODULES and their static-import closure, each after the chunks it imports; entry chunks
 * are left out (they are loaded already).
 */
export function uploadChunkFiles(chunks: Record<string, ChunkInfo>): string[] {
  const byFile = new Map(Object.values(chunks).map((chunk) => [chunk.fileName, chunk]));
  const found = new Set<string>();
  const ordered: string[] = [];
  const visit = (file: string) => {
    const chunk = byFile.get(file);
    if (!chunk || chunk.isEntry || found.has(file)) return;
    found.add(file);
    for (const dep of chunk.imports) visit(dep);
    // After its imports: a chunk never arrives before the requests for what it imports have gone out.
    ordered.push(file);
  };
  for (const module of UPLOAD_MODULES) {
    const root = [...byFile.values()].find((chunk) => chunk.facadeModuleId && module.test(chunk.facadeModuleId));
    if (root) visit(root.fileName);
  }
  return ordered;
}

/** The Vite plugin: fills the marker in whichever chunk holds it (the entry), paths relative to that chunk. */
export function chunkPreloadPlugin(): Plugin {
  return {
    name: 'cos-chunk-preload',
    renderChunk(code, chunk, _options, meta) {
      const marker = new RegExp(`(['"\`])${UPLOAD_CHUNKS_MARKER}\\1`, 'g');
      if (!code.includes(UPLOAD_CHUNKS_MARKER)) return null;
      const files = uploadChunkFiles(meta.chunks);
      if (!files.length) this.error('chunk-preload: no chunk holds the engine or the file list');
      const from = posix.dirname(chunk.fileName);
      const list = JSON.stringify(files.map((file) => `./${posix.relative(from, file)}`));
      const magic = new RolldownMagicString(code);
      for (const match of code.matchAll(marker)) magic.update(match.index, match.index + match[0].length, list);
      return { code: magic };
    },
  };
}
