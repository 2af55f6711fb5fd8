import type { FetchHandler } from './types.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- listener signatures must accept node's overloads */
/** The parts of node's IncomingMessage used here: typed structurally so the package's types need no @types/node. */
export interface NodeRequestLike {
  url?: string;
  method?: string;
  headers: Record<string, string | string[] | undefined>;
  socket?: unknown;
  readableEnded?: boolean;
  on(event: string, listener: (...args: any[]) => void): unknown;
  off(event: string, listener: (...args: any[]) => void): unknown;
  once(event: string, listener: (...args: any[]) => void): unknown;
  resume(): unknown;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The parts of node's ServerResponse used here. */
export interface NodeResponseLike {
  readonly headersSent: boolean;
  writeHead(status: number, headers: Record<string, string | string[]>): unknown;
  end(body?: Uint8Array | string): unknown;
  destroy(error?: Error): unknown;
}

/** Bodies the handlers read are small JSON; a larger one is refused before it is buffered. */
const MAX_BODY = 64 * 1024;

async function readBody(req: NodeRequestLike): Promise<Uint8Array | undefined | 'too-large'> {
  // Express with express.json() has read the stream already; re-serialise what it parsed.
  const parsed = (req as NodeRequestLike & { body?: unknown }).body;
  if (parsed !== undefined && req.readableEnded) {
    if (typeof parsed === 'string') return new TextEncoder().encode(parsed);
    if (parsed instanceof Uint8Array) return parsed;
    return new TextEncoder().encode(JSON.stringify(parsed));
  }
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const onData = (chunk: Uint8Array) => {
      size += chunk.byteLength;
      if (size > MAX_BODY) {
        // Stop keeping bytes but let the rest drain, so the client reads the 413 instead of a reset.
        req.off('data', onData);
        req.resume();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('error', reject);
    req.once('end', () => {
      if (size > MAX_BODY) return;
      if (size === 0) return resolve(undefined);
      const all = new Uint8Array(size);
      let at = 0;
      for (const chunk of chunks) {
        all.set(chunk, at);
        at += chunk.byteLength;
      }
      resolve(all);
    });
  });
}

function toRequest(req: NodeRequestLike, body: Uint8Array | undefined): Request {
  const encrypted = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const url = new URL(req.url ?? '/', `${encrypted ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  const hasBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
  return new Request(url, { method, headers, body: hasBody ? (body as Uint8Array<ArrayBuffer>) : undefined });
}

/**
 * Serves a fetch-style handler from `node:http` or Express: `http.createServer(toNodeListener(handler))`,
 * `app.post('/sign', toNodeListener(handler))`. Behind a proxy that rewrites Host, list your page's
 * origin in `allowedOrigins`, since the handler compares Origin with the Host it is given.
 */
export function toNodeListener(handler: FetchHandler): (req: NodeRequestLike, res: NodeResponseLike) => void {
  return (req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (body === 'too-large') {
        res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' });
        res.end('Request body too large');
        return;
      }
      const response = await handler(toRequest(req, body));
      const headers: Record<string, string | string[]> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      res.writeHead(response.status, headers);
      res.end(new Uint8Array(await response.arrayBuffer()));
    })().catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy(err as Error);
        return;
      }
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    });
  };
}
