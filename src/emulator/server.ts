import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parseQuery, resolveAddress, type Address } from './address.js';
import { ConnectionDropped } from './body.js';
import { resourceOf, sendError, type EmulatorState, type RequestContext } from './context.js';
import { applyCorsHeaders, preflight } from './cors.js';
import type { CorsConfig } from './cors-rules.js';
import { authenticate, detectAction, runAction } from './dispatch.js';
import { cosError, EmulatorError } from './errors.js';
import type { FaultEffect } from './faults.js';
import { resetPicJobs, startPicJobs } from './routes/image.js';
import { partNumberOf, uploadIdOf } from './routes/params.js';
import { throttleBody } from './network.js';
import { handleService } from './routes/service.js';
import { resolveState } from './state.js';
import type { CosEmulator, EmulatorOptions, RequestLogEntry } from './types.js';

export { DEV_SECRET_ID, DEV_SECRET_KEY } from './state.js';

const DEFAULT_CORS: CorsConfig = { kind: 'default' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Connect strips a mount prefix from req.url and keeps it in originalUrl; Location values need it back. */
function mountPrefix(req: IncomingMessage): string {
  const original = (req as IncomingMessage & { originalUrl?: string }).originalUrl;
  const url = req.url ?? '/';
  if (!original || original === url) return '';
  if (original.endsWith(url)) return original.slice(0, original.length - url.length);
  const path = url.split('?')[0];
  return path === '/' ? original.split('?')[0].replace(/\/$/, '') : '';
}

function baseUrlOf(req: IncomingMessage, address: Address & { kind: 'object' | 'ci' }): string {
  const proto = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  const base = `${proto}://${req.headers.host ?? 'localhost'}${mountPrefix(req)}`;
  return address.style === 'path' ? `${base}/${address.bucket}` : base;
}

/** Applies a fault's delay and drop; true when the request is fully handled (dropped or failed). */
async function applyFault(ctx: RequestContext, effect: FaultEffect): Promise<boolean> {
  // A slow Complete is slow while merging, where COS keeps the connection alive with spaces (docs/protocol.md#multipart-upload).
  if (ctx.action === 'CompleteMultipartUpload' && !effect.error && !effect.drop) ctx.mergeDelayMs = effect.delayMs;
  else if (effect.delayMs > 0) await sleep(effect.delayMs);
  if (effect.drop === 'before-body') {
    ctx.req.socket.destroy();
    return true;
  }
  if (effect.drop === 'mid-body') {
    const hasBody = Number(ctx.req.headers['content-length'] ?? 0) > 0 || !!ctx.req.headers['transfer-encoding'];
    if (!hasBody && ctx.action !== 'GetObject') {
      ctx.req.socket.destroy();
      return true;
    }
    ctx.dropMidBody = true;
  }
  if (effect.corrupt) ctx.corrupt = effect.corrupt;
  if (effect.error) {
    const err = cosError(effect.error.code, undefined, effect.error.status);
    sendError(ctx.res, err, resourceOf(ctx), ctx.requestId, ctx.req.method);
    return true;
  }
  return false;
}

/** Logs a request on arrival; status (and a key only known later, POST Object's) are filled in when it ends. */
function logEntry(state: EmulatorState, res: ServerResponse, entry: RequestLogEntry, ctx?: RequestContext): void {
  state.log.push(entry);
  res.once('finish', () => {
    entry.status = res.statusCode;
    if (ctx) entry.key = ctx.key;
  });
}

/** Creates an emulator over `dataDir`: a plain (req, res) handler plus an optional HTTP server of its own. */
export function createCosEmulator(options: EmulatorOptions = {}): CosEmulator {
  const state = resolveState(options);
  let ready = (async () => {
    await state.objects.init();
    await state.uploads.load();
    startPicJobs(state);
  })();
  let server: Server | undefined;

  const emulator: CosEmulator = {
    url: '',
    bucket: state.bucket,
    region: state.region,
    secretId: state.secretId,
    secretKey: state.secretKey,
    dataDir: state.dataDir,
    log: state.log,
    faults: { add: (rule) => state.faults.add(rule), clear: () => state.faults.clear() },
    setClockSkew: (seconds) => {
      state.skewMs = seconds * 1000;
    },
    setCiEnabled: (enabled) => {
      state.ciEnabled = enabled;
    },
    resetCors: () => {
      state.cors = { kind: 'default' };
    },
    handler: (req, res) => {
      handle(req, res).catch((err) => {
        if (!res.headersSent && !req.socket?.destroyed) {
          sendError(res, cosError('InternalError', String((err as Error)?.message ?? err)), '', '');
        }
      });
    },
    async listen(port = 0, host = '127.0.0.1') {
      await ready;
      server = createServer(emulator.handler);
      // Large uploads over slow links must not hit Node's default 5-minute request timeout.
      server.requestTimeout = 0;
      await new Promise<void>((resolveListen, reject) => {
        server!.once('error', reject);
        server!.listen(port, host, () => resolveListen());
      });
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      emulator.url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
      return emulator.url;
    },
    async close() {
      await resetPicJobs(state);
      if (!server) return;
      const closing = new Promise<void>((r) => server!.close(() => r()));
      server.closeAllConnections();
      await closing;
      server = undefined;
    },
    async restart() {
      await ready;
      await resetPicJobs(state);
      ready = state.uploads.load().then(() => startPicJobs(state));
      await ready;
    },
  };

  const serviceHooks = {
    restart: () => emulator.restart(),
    info: () => ({ url: emulator.url, bucket: state.bucket, region: state.region, appId: state.appId }),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomBytes(18).toString('base64');
    res.setHeader('Server', 'tencent-cos');
    res.setHeader('x-cos-request-id', requestId);
    res.setHeader('Date', new Date(state.now()).toUTCString());
    await ready;
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    // The simulated WAN (docs/integrity-and-wan.md); the admin routes tests drive stay instant.
    if (state.latencyMs > 0 && !url.startsWith('/-/')) await sleep(state.latencyMs);
    throttleBody(req, state.bandwidth);
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    // The STS, signing and admin services are not the bucket: the bucket's CORS rules never lock them out.
    const isService = rawPath.startsWith('/-/') || rawPath === '/sts' || rawPath === '/sign';
    const cors = isService ? DEFAULT_CORS : state.cors;
    applyCorsHeaders(req, res, cors, state.allowedOrigins);

    if (method === 'OPTIONS') {
      const result = preflight(req, res, cors, state.allowedOrigins);
      if (result.ok) res.writeHead(200, { 'Content-Length': '0' }).end();
      else sendError(res, cosError('AccessForbidden', result.message), rawPath, requestId);
      return;
    }
    let address: Address;
    try {
      address = resolveAddress(rawPath, String(req.headers.host ?? ''), state.bucket);
    } catch (err) {
      sendError(res, err as EmulatorError, rawPath, requestId, method);
      return;
    }
    if (address.kind === 'service') {
      await handleServiceRequest(req, res, address.path, rawQuery, method);
      return;
    }
    const ctx: RequestContext = {
      req, res, state, requestId,
      bucket: address.bucket,
      key: address.kind === 'object' ? address.key : '',
      rawQuery,
      query: [],
      action: address.kind === 'ci' ? 'PicJobs' : 'Unknown',
      baseUrl: baseUrlOf(req, address),
      dropMidBody: false,
    };
    try {
      ctx.query = parseQuery(rawQuery);
      if (address.kind === 'object') ctx.action = detectAction(method, ctx.key, ctx.query);
      const partNumber = partNumberOf(ctx.query);
      const uploadId = uploadIdOf(ctx.query) || undefined;
      logEntry(state, res, { method, action: ctx.action, key: ctx.key, partNumber, uploadId, status: 0 }, ctx);
      const effect = state.faults.take({ action: ctx.action, method, key: ctx.key, partNumber });
      if (effect && (await applyFault(ctx, effect))) return;
      // A virtual host names the region too; the bucket exists in one region only (`accelerate` reaches any).
      const wrongRegion = address.region !== undefined && address.region !== state.region && address.region !== 'accelerate';
      if (ctx.bucket !== state.bucket || wrongRegion) throw cosError('NoSuchBucket');
      const ciPath = address.kind === 'ci' ? address.path : undefined;
      const pathnames = ciPath !== undefined ? [ciPath, `/ci/${ctx.bucket}${ciPath}`] : ['/' + ctx.key];
      await authenticate(ctx, pathnames);
      await runAction(ctx, ciPath);
    } catch (err) {
      if (err instanceof ConnectionDropped || !req.socket || req.socket.destroyed) return;
      if (!req.complete) {
        // Answer now and discard the rest of the body; the connection cannot be reused mid-body.
        res.setHeader('Connection', 'close');
        req.resume();
      }
      if (err instanceof EmulatorError) {
        sendError(res, err, resourceOf(ctx), requestId, method);
        return;
      }
      console.error('[cos-emulator]', err);
      sendError(res, cosError('InternalError', String((err as Error)?.message ?? err)), resourceOf(ctx), requestId, method);
    }
  }

  async function handleServiceRequest(req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string, method: string) {
    const action = path === '/sts' ? 'Sts' : path === '/sign' ? 'Sign' : undefined;
    if (action) {
      logEntry(state, res, { method, action, key: '', status: 0 });
      const effect = state.faults.take({ action, method, key: '' });
      if (effect) {
        if (effect.delayMs > 0) await sleep(effect.delayMs);
        if (effect.drop) {
          req.socket.destroy();
          return;
        }
        if (effect.error) {
          res.writeHead(effect.error.status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ Code: effect.error.code, Message: 'Injected fault' }));
          return;
        }
      }
    }
    await handleService(req, res, path, rawQuery, state, serviceHooks);
  }

  return emulator;
}
