// Shared helpers for the emulator tests: an emulator on a free port over a temp dir, and a signed HTTP client.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { getAuthorization } from '../../../src/core/auth/sign.js';
import { encodeKeyPath } from '../../../src/core/auth/canonical.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import { createCosEmulator } from '../../../src/emulator/index.js';
import type { CosEmulator, EmulatorOptions } from '../../../src/emulator/index.js';
import { bytesOf } from '../../shared/bytes.js';

export const BUCKET = 'examplebucket-1250000000';

export interface TestEmulator {
  emu: CosEmulator;
  url: string;
  port: number;
  dataDir: string;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'cos-emu-test-'));
  const emu = createCosEmulator({ secretId: 'AKIDtestPermanentKey', secretKey: 'testSecretKey0123456789', ...options, dataDir });
  const url = await emu.listen(0);
  return {
    emu,
    url,
    port: Number(new URL(url).port),
    dataDir,
    async close() {
      await emu.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export interface RawRequest {
  method: string;
  /** Path plus query exactly as sent, e.g. `/examplebucket-1250000000/a.txt?uploads`. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/** One HTTP exchange with full control over Host and the other headers. */
export function rawRequest(t: TestEmulator, r: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = r.body === undefined ? undefined : Buffer.from(r.body);
    const headers: Record<string, string> = { ...r.headers };
    if (body && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length')) headers['Content-Length'] = String(body.length);
    const req = request({ host: '127.0.0.1', port: t.port, method: r.method, path: r.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const data = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data, text: data.toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface CosCall {
  method: string;
  key?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Buffer | string;
  secretId?: string;
  secretKey?: string;
  securityToken?: string;
  /** Host header to send and sign; default the emulator's `127.0.0.1:<port>` (path style). */
  host?: string;
  /** Headers sent but left out of the signature. */
  unsignedHeaders?: Record<string, string>;
  keyTime?: string;
}

/** A signed COS request (path style unless `host` names a virtual host), signed with the core signer. */
export async function cos(t: TestEmulator, call: CosCall): Promise<RawResponse> {
  const key = call.key ?? '';
  const host = call.host ?? `127.0.0.1:${t.port}`;
  const virtual = call.host !== undefined && /\.cos\./.test(call.host);
  const headers: Record<string, string> = { Host: host, ...call.headers };
  if (call.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(call.body));
  const authorization = await getAuthorization({
    SecretId: call.secretId ?? t.emu.secretId,
    SecretKey: call.secretKey ?? t.emu.secretKey,
    Method: call.method,
    Key: key,
    Query: call.query ?? {},
    Headers: headers,
    KeyTime: call.keyTime,
    SignHeaders: 'all',
  }, nodeHash);
  const qs = queryString(call.query ?? {});
  const path = (virtual ? '' : `/${BUCKET}`) + (key ? encodeKeyPath(key) : '/') + (qs ? `?${qs}` : '');
  const sent: Record<string, string> = { ...headers, ...call.unsignedHeaders, Authorization: authorization };
  if (call.securityToken) sent['x-cos-security-token'] = call.securityToken;
  return rawRequest(t, { method: call.method, path, headers: sent, body: call.body });
}

/** `uploads` → `uploads`, `{partNumber: 1}` → `partNumber=1`: bare params stay bare, like the SDKs send them. */
export function queryString(query: Record<string, string>): string {
  return Object.entries(query)
    .map(([k, v]) => (v === '' ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`))
    .join('&');
}

export function md5Hex(data: Buffer | string): string {
  return createHash('md5').update(data).digest('hex');
}

export function md5Base64(data: Buffer | string): string {
  return createHash('md5').update(data).digest('base64');
}

/** Deterministic pseudo-random bytes. */
export function bytes(size: number, seed = 1): Buffer {
  return Buffer.from(bytesOf(size, seed).buffer);
}

/** Extracts `<Name>value</Name>` (first match) from an XML answer. */
export function xmlField(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

export function xmlFields(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);
}

/** Files left in the emulator's temp dir (should be none once requests settled). */
export function tempFiles(t: TestEmulator): string[] {
  try {
    return readdirSync(join(t.dataDir, BUCKET, 'tmp'));
  } catch {
    return [];
  }
}

export async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Completes a multipart upload body the way the browser SDK sends it (entity-encoded quotes). */
export function completeBody(parts: { partNumber: number; etag: string }[]): string {
  const inner = parts.map((p) => `<Part><PartNumber>${p.partNumber}</PartNumber><ETag>${p.etag.replace(/"/g, '&quot;')}</ETag></Part>`).join('');
  return `<CompleteMultipartUpload>${inner}</CompleteMultipartUpload>`;
}
