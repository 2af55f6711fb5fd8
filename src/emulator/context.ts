import type { TokenBucket } from './network.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QueryParam } from './address.js';
import type { Principal } from './auth.js';
import type { CorsConfig } from './cors-rules.js';
import type { EmulatorError } from './errors.js';
import type { FaultInjector } from './faults.js';
import type { MultipartStore } from './multipart-store.js';
import type { ObjectStore } from './object-store.js';
import type { RequestLogEntry } from './types.js';
import { errorXml } from './xml.js';

/** Resolved options plus the live state every route works with. */
export interface EmulatorState {
  bucket: string;
  region: string;
  appId: string;
  secretId: string;
  secretKey: string;
  allowedOrigins: string[];
  /** The permissive default until PUT Bucket cors stores rules (DELETE leaves none: every cross-origin request fails). */
  cors: CorsConfig;
  /** False: the bucket behaves as one without Cloud Infinite bound (Pic-Operations and processing refused). */
  ciEnabled: boolean;
  maxSkewSeconds: number;
  signPrefix: string;
  dataDir: string;
  objects: ObjectStore;
  uploads: MultipartStore;
  faults: FaultInjector;
  log: RequestLogEntry[];
  /** Simulated WAN: added before every answer. */
  latencyMs: number;
  /** Simulated WAN: shared by all request bodies. */
  bandwidth?: TokenBucket;
  /** Server clock in ms, admin skew included. */
  now(): number;
  skewMs: number;
  /** Picture jobs: time spent in Submitted before running, and the largest input (docs/processing-jobs.md). */
  picJobDelayMs: number;
  picJobMaxInputBytes: number;
}

/** One COS API request after routing. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  state: EmulatorState;
  requestId: string;
  bucket: string;
  key: string;
  rawQuery: string;
  query: QueryParam[];
  action: string;
  /** `http://<host>[/<mount>][/<bucket>]`: where objects of this bucket are reachable (Location values). */
  baseUrl: string;
  principal?: Principal;
  /** A `mid-body` fault applies: body readers and GetObject cut the connection halfway. */
  dropMidBody: boolean;
  /** A corruption fault: flip a stored byte (body readers), or answer with a wrong CRC-64 header. */
  corrupt?: 'stored' | 'crc-header';
  /** A delay fault on CompleteMultipartUpload: added to the merge, so the answer streams like a slow COS merge. */
  mergeDelayMs?: number;
}

/** `Resource` of the error XML: the bucket or object URL without scheme (docs/protocol.md#errors). */
export function resourceOf(ctx: Pick<RequestContext, 'bucket' | 'key' | 'state'>): string {
  return `${ctx.bucket}.cos.${ctx.state.region}.myqcloud.com/${ctx.key}`;
}

export function sendXml(res: ServerResponse, status: number, xml: string, headers: Record<string, string> = {}): void {
  const body = Buffer.from(xml, 'utf8');
  res.writeHead(status, { ...headers, 'Content-Type': 'application/xml', 'Content-Length': String(body.length) });
  res.end(body);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'Content-Length': '0' });
  res.end();
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
  res.end(body);
}

/** Answers the COS error XML, unless the response already started (then the connection is cut). */
export function sendError(
  res: ServerResponse,
  err: EmulatorError,
  resource: string,
  requestId: string,
  method = 'GET',
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (method === 'HEAD') {
    sendEmpty(res, err.status, { 'x-cos-trace-id': requestId });
    return;
  }
  sendXml(res, err.status, errorXml({ code: err.code, message: err.message, resource, requestId }), { 'x-cos-trace-id': requestId });
}

