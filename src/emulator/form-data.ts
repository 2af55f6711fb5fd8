import { cosError } from './errors.js';

/** Receives the parts of a multipart/form-data body as they stream in. */
export interface FormHandlers {
  field(name: string, value: string): void;
  /** The first file part starts; the returned promise may reject to refuse it (policy check). */
  fileStart(fieldName: string, filename: string, contentType: string): Promise<void>;
  fileData(chunk: Buffer): Promise<void>;
  fileEnd(): Promise<void>;
}

const MAX_FIELD_BYTES = 64 * 1024;
const MAX_HEADER_BYTES = 16 * 1024;

export function boundaryOf(contentType: string | undefined): string {
  const m = /^multipart\/form-data\s*;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  if (!m) throw cosError('RequestIsNotMultiPartContent', 'POST Object needs a multipart/form-data body.');
  return m[1] ?? m[2];
}

function parsePartHeaders(text: string): { name: string; filename?: string; contentType: string } {
  let name = '';
  let filename: string | undefined;
  let contentType = 'application/octet-stream';
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (header === 'content-disposition') {
      name = /;\s*name="([^"]*)"/i.exec(value)?.[1] ?? '';
      const file = /;\s*filename="([^"]*)"/i.exec(value);
      if (file) filename = file[1];
    } else if (header === 'content-type') {
      contentType = value;
    }
  }
  return { name, filename, contentType };
}

/**
 * Streaming multipart/form-data parser (RFC 7578): small fields are collected, the single file part is
 * passed on chunk by chunk (never buffered whole). Parts after the file are read and ignored, as COS
 * expects the file last (docs/protocol.md#form-upload-policy).
 */
export async function parseForm(source: AsyncIterable<Buffer>, boundary: string, h: FormHandlers): Promise<{ files: number }> {
  const opening = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let buf: Buffer = Buffer.alloc(0);
  let state: 'preamble' | 'headers' | 'body' | 'done' = 'preamble';
  let current: { name: string; filename?: string; chunks: Buffer[]; size: number; file: boolean; ignored: boolean } | undefined;
  let files = 0;

  const endPart = async () => {
    if (!current || current.ignored) return;
    if (current.file) await h.fileEnd();
    else h.field(current.name, Buffer.concat(current.chunks).toString('utf8'));
  };
  const emit = async (data: Buffer) => {
    if (!current || current.ignored || data.length === 0) return;
    if (current.file) {
      await h.fileData(data);
      return;
    }
    current.size += data.length;
    if (current.size > MAX_FIELD_BYTES) throw cosError('MalformedPOSTRequest', `Form field ${current.name} is too large.`);
    current.chunks.push(data);
  };

  for await (const chunk of source) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    for (;;) {
      if (state === 'preamble') {
        const at = buf.indexOf(opening);
        if (at < 0) break;
        buf = buf.subarray(at + opening.length);
        state = 'headers';
      } else if (state === 'headers') {
        if (buf.length < 2) break;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          state = 'done';
          break;
        }
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) {
          if (buf.length > MAX_HEADER_BYTES) throw cosError('MalformedPOSTRequest', 'Form part headers are too large.');
          break;
        }
        const info = parsePartHeaders(buf.subarray(0, end).toString('utf8'));
        buf = buf.subarray(end + 4);
        const isFile = info.filename !== undefined || info.name === 'file';
        current = { name: info.name, filename: info.filename, chunks: [], size: 0, file: isFile, ignored: isFile && files > 0 };
        if (isFile && files++ === 0) await h.fileStart(info.name, info.filename ?? '', info.contentType);
        state = 'body';
      } else if (state === 'body') {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          // Keep a tail that could be the start of a delimiter split across chunks.
          const safe = buf.length - delimiter.length;
          if (safe > 0) {
            await emit(buf.subarray(0, safe));
            buf = buf.subarray(safe);
          }
          break;
        }
        await emit(buf.subarray(0, at));
        await endPart();
        current = undefined;
        buf = buf.subarray(at + delimiter.length);
        state = 'headers';
      } else {
        break;
      }
    }
    if (state === 'done') buf = Buffer.alloc(0);
  }
  if (state !== 'done') throw cosError('MalformedPOSTRequest', 'The form body ended before its closing boundary.');
  return { files };
}
