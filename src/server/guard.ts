import { validateBucketLocation, validateKey } from '../core/client-validate.js';
import { CosError } from '../core/http/errors.js';
import { checkOriginRules, corsHeaders, judgeOrigin, preflightHeaders } from './origins.js';
import { createMemoryRateLimitStore } from './rate-limit.js';
import { Denial, errorResponse, jsonResponse } from './respond.js';
import type { AuditEvent, GuardOptions, RateLimitOptions, ServerUser, UploadAction } from './types.js';

/** What a browser upload needs, and nothing more: no Delete, no Get (HeadObject lets a lost Complete answer be recovered). */
export const DEFAULT_UPLOAD_ACTIONS: readonly UploadAction[] = [
  'PutObject', 'InitiateMultipartUpload', 'ListMultipartUploads', 'ListParts', 'UploadPart',
  'CompleteMultipartUpload', 'AbortMultipartUpload', 'HeadObject',
];

const KNOWN_ACTIONS: readonly UploadAction[] = [...DEFAULT_UPLOAD_ACTIONS, 'GetObject', 'DeleteObject', 'ImageProcess'];

export const DEFAULT_MAX_OBJECT_SIZE = 100 * 1024 * 1024;

/** The checked request a handler decides on. */
export interface Admitted<U> {
  request: Request;
  user: U;
  prefix: string;
}

/** What a handler decided to give: the JSON body, and what the audit event should say about it. */
export interface Grant {
  body: unknown;
  audit: { reason: string; action?: string; key?: string };
}

/** Details a denial's audit event should carry, when the handler knew them before refusing. */
export interface DenialContext {
  action?: string;
  key?: string;
}

export interface ResolvedGuard {
  bucket: string;
  region: string;
  actions: readonly UploadAction[];
  maxObjectSize: number;
  now: () => number;
}

/** `users/<id>/`; an id with '/' or '\\' could reach into another user's prefix, so it is refused. */
function defaultPrefixFor(user: ServerUser): string {
  if (/[/\\]/.test(user.id)) throw new Denial(500, 'InternalError', `User id ${JSON.stringify(user.id)} contains '/' or '\\'; give prefixFor a safe mapping.`);
  return `users/${user.id}/`;
}

function checkPrefix(prefix: unknown, userId: string): string {
  const problem =
    typeof prefix !== 'string' || !prefix.endsWith('/') ? 'must be a string ending with "/"'
      : (() => {
        try {
          validateKey(prefix);
          return '';
        } catch (err) {
          return (err as Error).message;
        }
      })();
  if (problem) throw new Denial(500, 'InternalError', `prefixFor(user ${JSON.stringify(userId)}) returned ${JSON.stringify(prefix)}: ${problem}`);
  return prefix as string;
}

/**
 * The steps both handlers share, in order: origin, preflight, method, authentication, rate limit, the
 * user's prefix; then the handler decides. Every answer, allowed or refused, goes through the audit hook.
 */
export function createGuard<U extends ServerUser>(
  handler: AuditEvent['handler'],
  options: GuardOptions<U>,
  defaults: { methods: readonly string[]; rateLimit: RateLimitOptions },
): { settings: ResolvedGuard; serve(request: Request, decide: (admitted: Admitted<U>, context: DenialContext) => Promise<Grant>): Promise<Response> } {
  if (typeof options.authenticate !== 'function') throw new TypeError(`create${handler === 'sign' ? 'Sign' : 'Sts'}Handler: authenticate(request) is required`);
  try {
    validateBucketLocation(options.bucket, options.region);
  } catch (err) {
    throw new TypeError((err as CosError).message);
  }
  const origins = options.allowedOrigins ?? [];
  checkOriginRules(origins);
  const maxObjectSize = options.maxObjectSize ?? DEFAULT_MAX_OBJECT_SIZE;
  if (!Number.isSafeInteger(maxObjectSize) || maxObjectSize < 1) throw new TypeError(`maxObjectSize must be a positive integer, got ${maxObjectSize}`);
  const rateLimit = options.rateLimit === false ? undefined : { ...defaults.rateLimit, ...options.rateLimit };
  if (rateLimit && !(Number.isInteger(rateLimit.limit) && rateLimit.limit > 0 && rateLimit.windowMs > 0)) {
    throw new TypeError('rateLimit needs a positive integer limit and a positive windowMs (or rateLimit: false)');
  }
  const unknown = (options.actions ?? []).filter((a) => !KNOWN_ACTIONS.includes(a));
  if (unknown.length) throw new TypeError(`Unknown actions ${unknown.join(', ')}; known: ${KNOWN_ACTIONS.join(', ')}`);
  const store = rateLimit?.store ?? createMemoryRateLimitStore();
  const now = options.now ?? Date.now;
  const prefixFor = options.prefixFor ?? defaultPrefixFor;
  const settings: ResolvedGuard = {
    bucket: options.bucket,
    region: options.region,
    actions: options.actions ?? DEFAULT_UPLOAD_ACTIONS,
    maxObjectSize,
    now,
  };

  async function serve(request: Request, decide: (admitted: Admitted<U>, context: DenialContext) => Promise<Grant>): Promise<Response> {
    const verdict = judgeOrigin(request, origins);
    const base = { handler, origin: request.headers.get('origin') ?? undefined };
    const context: DenialContext = {};
    let userId: string | undefined;
    let prefix: string | undefined;
    const audit = async (event: Omit<AuditEvent, 'handler' | 'time' | 'origin' | 'userId' | 'prefix'>) => {
      await options.audit?.({ ...base, userId, prefix, ...event, time: now() });
    };
    const refuse = async (denial: Denial) => {
      await audit({ decision: 'deny', status: denial.status, code: denial.code, reason: denial.message, ...context });
      return errorResponse(denial, new URL(request.url).pathname, corsHeaders(verdict));
    };
    try {
      try {
        if (verdict.kind === 'refused') throw new Denial(403, 'AccessForbidden', `Origin ${verdict.origin} is not in this backend's allowedOrigins.`);
        if (request.method === 'OPTIONS') {
          if (verdict.kind !== 'allowed') throw new Denial(403, 'AccessForbidden', 'A preflight needs an Origin listed in allowedOrigins.');
          await audit({ decision: 'allow', status: 204, reason: 'preflight' });
          return new Response(null, { status: 204, headers: preflightHeaders(verdict, request, [...defaults.methods, 'OPTIONS']) });
        }
        if (!defaults.methods.includes(request.method)) {
          throw new Denial(405, 'MethodNotAllowed', `Use ${defaults.methods.join(' or ')}.`, { allow: defaults.methods.join(', ') });
        }
        const user = await options.authenticate(request);
        if (!user) throw new Denial(401, 'Unauthenticated', 'Sign in first: this backend only serves signed-in users.');
        if (typeof user.id !== 'string' || !user.id) throw new Denial(500, 'InternalError', 'authenticate() returned a user without a string id.');
        userId = user.id;
        if (rateLimit) {
          const count = await store.hit(`${handler}:${user.id}`, rateLimit.windowMs, now());
          if (count.count > rateLimit.limit) {
            const retryAfter = String(Math.max(1, Math.ceil((count.resetAt - now()) / 1000)));
            throw new Denial(429, 'SlowDown', `Too many requests: at most ${rateLimit.limit} per ${rateLimit.windowMs / 1000} s per user.`, { 'retry-after': retryAfter });
          }
        }
        prefix = checkPrefix(prefixFor(user), user.id);
        const grant = await decide({ request, user, prefix }, context);
        await audit({ decision: 'allow', status: 200, ...grant.audit });
        return jsonResponse(grant.body, corsHeaders(verdict));
      } catch (err) {
        if (err instanceof Denial) return await refuse(err);
        // Anything unexpected (a throwing authenticate, a credential source down) fails closed; the
        // details go to the audit hook, not to the browser.
        const detail = (err as Error)?.message ?? String(err);
        await audit({ decision: 'deny', status: 500, code: 'InternalError', reason: `${handler} backend failed: ${detail}`, ...context });
        return errorResponse(new Denial(500, 'InternalError', `The ${handler} backend failed; the server's audit log says why.`), new URL(request.url).pathname, corsHeaders(verdict));
      }
    } catch {
      // The audit hook itself threw: nothing is handed out unrecorded.
      return errorResponse(new Denial(500, 'InternalError', 'The audit hook failed; nothing was signed.'), new URL(request.url).pathname, corsHeaders(verdict));
    }
  }

  return { settings, serve };
}
