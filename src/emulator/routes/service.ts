import type { IncomingMessage, ServerResponse } from 'node:http';
import { getAuthorization } from '../../core/auth/sign.js';
import { nodeHash } from '../../node/node-hash.js';
import { parseQuery, queryValue } from '../address.js';
import { readSmallBody } from '../body.js';
import { sendEmpty, sendJson, type EmulatorState } from '../context.js';
import { cosError, EmulatorError } from '../errors.js';
import { issueCredentials, type StsRequest } from '../sts.js';
import type { FaultRule } from '../types.js';

/** What the service routes need from the emulator beyond its state. */
export interface ServiceHooks {
  restart(): Promise<void>;
  info(): Record<string, unknown>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const text = (await readSmallBody(req, 1 << 20)).toString('utf8').trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw cosError('InvalidArgument', 'The request body is not valid JSON.');
  }
}

function jsonError(res: ServerResponse, err: EmulatorError): void {
  sendJson(res, err.status, { Code: err.code, Message: err.message });
}

/**
 * Admin API for tests (`/-/faults`, `/-/clock`, `/-/ci`, `/-/cors` (DELETE: back to the permissive default), `/-/log`, `/-/restart`, `/-/info`, `/-/pic-jobs`), the STS endpoint and the
 * signing backend. Answers JSON; errors are `{Code, Message}` with the COS status.
 */
export async function handleService(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  rawQuery: string,
  state: EmulatorState,
  hooks: ServiceHooks,
): Promise<void> {
  const method = req.method ?? 'GET';
  try {
    if (path === '/sts' && (method === 'GET' || method === 'POST')) {
      const query = parseQuery(rawQuery);
      const body = method === 'POST' ? ((await readJson(req)) as StsRequest | undefined) ?? {} : {};
      const request: StsRequest = {
        prefix: body.prefix ?? queryValue(query, 'prefix'),
        actions: body.actions ?? queryValue(query, 'actions'),
        duration: body.duration ?? queryValue(query, 'duration'),
        maxContentLength: body.maxContentLength ?? queryValue(query, 'maxContentLength'),
      };
      sendJson(res, 200, issueCredentials(request, state.bucket, state.secretKey, Math.floor(state.now() / 1000)));
      return;
    }
    if (path === '/sign' && method === 'POST') {
      await signRequest(res, (await readJson(req)) as SignRequest | undefined, state);
      return;
    }
    const route = `${method} ${path}`;
    switch (route) {
      case 'POST /-/faults':
        state.faults.add((await readJson(req)) as FaultRule | FaultRule[]);
        sendEmpty(res, 204);
        return;
      case 'DELETE /-/faults':
        state.faults.clear();
        sendEmpty(res, 204);
        return;
      case 'POST /-/clock': {
        const body = (await readJson(req)) as { skewSeconds?: unknown } | undefined;
        const skew = Number(body?.skewSeconds);
        if (!Number.isFinite(skew)) throw cosError('InvalidArgument', 'Body must be {"skewSeconds": <number>}.');
        state.skewMs = skew * 1000;
        sendEmpty(res, 204);
        return;
      }
      case 'POST /-/ci': {
        const body = (await readJson(req)) as { enabled?: unknown } | undefined;
        if (typeof body?.enabled !== 'boolean') throw cosError('InvalidArgument', 'Body must be {"enabled": true|false}.');
        state.ciEnabled = body.enabled;
        sendEmpty(res, 204);
        return;
      }
      case 'DELETE /-/cors':
        state.cors = { kind: 'default' };
        sendEmpty(res, 204);
        return;
      case 'GET /-/log':
        sendJson(res, 200, state.log);
        return;
      case 'DELETE /-/log':
        state.log.length = 0;
        sendEmpty(res, 204);
        return;
      case 'POST /-/restart':
        await hooks.restart();
        sendEmpty(res, 204);
        return;
      case 'GET /-/info':
        sendJson(res, 200, hooks.info());
        return;
      case 'POST /-/pic-jobs': {
        // How long new and waiting picture jobs stay Submitted (docs/processing-jobs.md): lets a test see the states.
        const body = (await readJson(req)) as { delayMs?: unknown } | undefined;
        const delay = Number(body?.delayMs);
        if (!Number.isFinite(delay) || delay < 0) throw cosError('InvalidArgument', 'Body must be {"delayMs": <number ≥ 0>}.');
        state.picJobDelayMs = delay;
        sendEmpty(res, 204);
        return;
      }
    }
    throw cosError('NoSuchResource', `No emulator service at ${route}.`, 404);
  } catch (err) {
    jsonError(res, err instanceof EmulatorError ? err : cosError('InternalError', String((err as Error).message)));
  }
}

interface SignRequest {
  method?: string;
  pathname?: string;
  query?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  key?: string;
}

/** The demo's "backend that signs each request" (docs/protocol.md#credentials, form 2), limited to `signPrefix`. */
async function signRequest(res: ServerResponse, body: SignRequest | undefined, state: EmulatorState): Promise<void> {
  if (!body || typeof body.method !== 'string' || typeof body.pathname !== 'string') {
    throw cosError('InvalidArgument', 'Body must be {method, pathname, query?, headers?, key?}.');
  }
  const key = body.key ?? body.pathname.replace(/^\//, '');
  if (!key.startsWith(state.signPrefix)) {
    throw cosError('AccessDenied', `This backend only signs keys under "${state.signPrefix}".`);
  }
  const authorization = await getAuthorization({
    SecretId: state.secretId,
    SecretKey: state.secretKey,
    Method: body.method,
    Pathname: body.pathname,
    Query: body.query ?? {},
    Headers: body.headers ?? {},
    // Server clock: a client with a wrong clock still gets a valid window.
    StartTime: Math.floor(state.now() / 1000) - 1,
  }, nodeHash);
  sendJson(res, 200, { authorization });
}
