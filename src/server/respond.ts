import { escapeXml } from '../core/xml/build.js';

/** A refusal: answered as COS answers its own errors (an `<Error>` XML document), so the widget shows Code and Message. */
export class Denial extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'Denial';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export const deny = (code: string, message: string) => new Denial(403, code, message);

/** Answers are per user and short-lived: never cache them anywhere. */
const NO_STORE = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

function requestId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function jsonResponse(body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { ...NO_STORE, 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

export function errorResponse(denial: Denial, resource: string, headers: Record<string, string> = {}): Response {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error>' +
    `<Code>${escapeXml(denial.code)}</Code><Message>${escapeXml(denial.message)}</Message>` +
    `<Resource>${escapeXml(resource)}</Resource><RequestId>${requestId()}</RequestId></Error>`;
  return new Response(xml, {
    status: denial.status,
    headers: { ...NO_STORE, 'content-type': 'application/xml', ...denial.headers, ...headers },
  });
}

/** Reads a JSON request body of at most `limit` bytes; anything else is a 400 (an empty body too, unless `optional`). */
export async function readJsonBody(request: Request, limit: number, optional = false): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) throw new Denial(413, 'RequestTooLarge', `The request body is over ${limit} bytes.`);
  const text = await readLimitedText(request, limit);
  if (!text.trim()) {
    if (optional) return undefined;
    throw new Denial(400, 'InvalidArgument', 'The request body is empty; expected JSON.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Denial(400, 'InvalidArgument', 'The request body is not valid JSON.');
  }
}

async function readLimitedText(request: Request, limit: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new Denial(413, 'RequestTooLarge', `The request body is over ${limit} bytes.`);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}
