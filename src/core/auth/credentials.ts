import { CosError } from '../http/errors.js';
import { abortReason, raceAbort, throwIfAborted } from '../http/abort.js';
import { getAuthorization } from './sign.js';
import { PostPolicyMemo, signPostPolicy } from './post-policy.js';
import { describeValue, isRecord, providerError } from './credentials-fetch.js';
import {
  MIN_USABLE_SECONDS, lifetimeSeconds, refreshMarginFor, signedWith, withProviderRetries, type RefreshPolicyOptions,
} from './credentials-refresh.js';
import type { HashProvider } from './hash.js';
import type { AuthorizeRequest, Authorization, TemporaryCredentials, TokenProvider } from '../types.js';

const EXPECTED_SHAPE = '{Credentials:{TmpSecretId, TmpSecretKey, Token}, StartTime, ExpiredTime}';

function readString(source: Record<string, unknown>, names: string[], provider: string, required: boolean): string | undefined {
  const name = names.find((n) => source[n] !== undefined && source[n] !== null);
  if (name === undefined) {
    if (!required) return undefined;
    throw providerError(provider, `returned no ${names.join('/')} (expected ${EXPECTED_SHAPE})`);
  }
  const value = source[name];
  if (typeof value !== 'string' || value === '') {
    throw providerError(provider, `returned ${name} as ${describeValue(value)}, not a non-empty string`);
  }
  return value;
}

/** Unix seconds as a number or digit string, 10 digits as the SDK demands (docs/protocol.md#credentials). */
function readSeconds(source: Record<string, unknown>, name: string, provider: string, required: boolean): number | undefined {
  const value = source[name];
  if (value === undefined || value === null) {
    if (!required) return undefined;
    throw providerError(provider, `returned no ${name} (expected ${EXPECTED_SHAPE})`);
  }
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1e9 || seconds >= 1e10) {
    throw providerError(provider, `returned ${name} as ${describeValue(value)}, not unix seconds (10 digits)`);
  }
  return seconds;
}

/**
 * Accepts the three shapes temporary keys come in (docs/protocol.md#credentials): the STS API answer
 * `{Credentials:{TmpSecretId, TmpSecretKey, Token|SessionToken}, StartTime, ExpiredTime}`, the
 * qcloud-cos-sts output `{credentials:{tmpSecretId, tmpSecretKey, sessionToken}, startTime, expiredTime}`
 * and the SDK callback shape `{TmpSecretId, TmpSecretKey, SecurityToken|XCosSecurityToken, StartTime, ExpiredTime}`.
 * A session token is required: without one these would be permanent keys, which never belong in a browser.
 */
export function normalizeCredentials(raw: unknown, provider: string): TemporaryCredentials {
  if (!isRecord(raw)) throw providerError(provider, `returned ${describeValue(raw)} instead of temporary keys ${EXPECTED_SHAPE}`);
  let keys: Record<string, unknown>;
  let ids: [string[], string[], string[]];
  let times: [string, string];
  if (isRecord(raw.Credentials)) {
    keys = raw.Credentials;
    ids = [['TmpSecretId'], ['TmpSecretKey'], ['Token', 'SessionToken']];
    times = ['StartTime', 'ExpiredTime'];
  } else if (isRecord(raw.credentials)) {
    keys = raw.credentials;
    ids = [['tmpSecretId'], ['tmpSecretKey'], ['sessionToken', 'token']];
    times = ['startTime', 'expiredTime'];
  } else {
    keys = raw;
    ids = [['TmpSecretId'], ['TmpSecretKey'], ['SecurityToken', 'XCosSecurityToken']];
    times = ['StartTime', 'ExpiredTime'];
  }
  const timeSource = raw[times[1]] === undefined && keys[times[1]] !== undefined ? keys : raw;
  const startTime = readSeconds(timeSource, times[0], provider, false);
  const expiredTime = readSeconds(timeSource, times[1], provider, true) as number;
  if (startTime !== undefined && startTime >= expiredTime) {
    throw providerError(provider, `returned ${times[0]} ${startTime} not before ${times[1]} ${expiredTime}`);
  }
  return {
    secretId: readString(keys, ids[0], provider, true) as string,
    secretKey: readString(keys, ids[1], provider, true) as string,
    securityToken: readString(keys, ids[2], provider, true),
    startTime: startTime ?? 0,
    expiredTime,
  };
}

export interface CredentialsProviderOptions extends RefreshPolicyOptions {
  /** Names the provider in error messages. */
  name: string;
  /** Supplies temporary keys in one of the shapes `normalizeCredentials` accepts. */
  getCredentials: (signal: AbortSignal) => Promise<unknown>;
  /** Default: the client's hash (AuthorizeRequest.hash), else the WebCrypto one. */
  hash?: HashProvider;
  now?: () => number;
  /** Server time minus local time (ms) seen on the provider's last answer, if it can tell (the STS provider reads `Date`). */
  providerClockOffset?: () => number | undefined;
}

export interface CredentialsTokenProvider extends TokenProvider {
  invalidate(used?: Authorization): void;
  postPolicy: NonNullable<TokenProvider['postPolicy']>;
  prefetch(options?: { clockOffsetMs?: number; signal?: AbortSignal }): Promise<void>;
}

/** Keys with the clock offset they are judged by (expiry, refresh, pre-signed URL start) and their refresh margin in s. */
type JudgedKeys = TemporaryCredentials & { clockOffsetMs: number; marginSeconds: number };

/**
 * The clock the keys are judged by: the one learned from COS responses when there is one, else the
 * provider's (its answer's `Date` header), else this device's. A device clock off by more than the keys'
 * lifetime would otherwise see fresh keys as expired (the official SDK signs with the server's
 * StartTime;ExpiredTime for the same reason, docs/protocol.md#credentials).
 */
function judgedKeys(keys: TemporaryCredentials, clockOffsetMs: number, providerOffsetMs: number | undefined): Omit<JudgedKeys, 'marginSeconds'> {
  return { ...keys, clockOffsetMs: clockOffsetMs !== 0 ? clockOffsetMs : providerOffsetMs ?? 0 };
}

interface SharedFetch {
  promise: Promise<JudgedKeys>;
  controller: AbortController;
  waiters: number;
  /** An early refresh nobody waits for: callers leaving never abort it. */
  background: boolean;
}

/** After a failed early refresh, the cached keys are used this long before the backend is asked again. */
const REFRESH_COOLDOWN_MS = 5000;

/**
 * Temporary keys from a page function, cached until shortly before expiry; concurrent callers share
 * one fetch (aborted only when every caller has given up). Each request is signed locally with
 * KeyTime `StartTime;ExpiredTime` — the server's times, so a wrong local clock does not matter.
 * Refresh policy (docs/networks.md): keys are refreshed early, in the background, once a quarter of
 * their lifetime (at most `refreshMarginSeconds`) is left; meanwhile and when that refresh fails the
 * cached keys keep signing; transient backend failures are retried with back-off.
 */
export function createCredentialsProvider(options: CredentialsProviderOptions): CredentialsTokenProvider {
  const { name, getCredentials } = options;
  const now = options.now ?? Date.now;
  let cached: JudgedKeys | undefined;
  let shared: SharedFetch | undefined;
  let generation = 0;
  let quietUntil = 0;
  const policies = new PostPolicyMemo();

  async function fetchOnce(signal: AbortSignal): Promise<unknown> {
    try {
      return await getCredentials(signal);
    } catch (err) {
      if (signal.aborted) throw abortReason(signal);
      if (err instanceof CosError && err.source === 'provider') throw err;
      throw providerError(name, `failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }

  function startFetch(clockOffsetMs: number, background = false): SharedFetch {
    const controller = new AbortController();
    const startedIn = generation;
    const promise = (async () => {
      const raw = await withProviderRetries(() => fetchOnce(controller.signal), controller.signal, options);
      const keys = judgedKeys(normalizeCredentials(raw, name), clockOffsetMs, options.providerClockOffset?.());
      const nowMs = now() + keys.clockOffsetMs;
      if (keys.expiredTime * 1000 <= nowMs) {
        throw providerError(name, `returned keys that expired at ${new Date(keys.expiredTime * 1000).toISOString()} ` +
          `(now ${new Date(nowMs).toISOString()}; check the backend's and this device's clocks)`, { code: 'ExpiredCredentials' });
      }
      const lifetime = lifetimeSeconds(keys, Math.floor(nowMs / 1000));
      const judged: JudgedKeys = { ...keys, marginSeconds: refreshMarginFor(lifetime, options.refreshMarginSeconds) };
      if (startedIn === generation) cached = judged;
      return judged;
    })();
    const entry: SharedFetch = { promise, controller, waiters: 0, background };
    promise.then(
      () => { if (shared === entry) shared = undefined; },
      () => {
        if (shared === entry) shared = undefined;
        if (entry.background) quietUntil = now() + REFRESH_COOLDOWN_MS;
      },
    );
    return entry;
  }

  const secondsLeft = (keys: JudgedKeys) => keys.expiredTime - (now() + keys.clockOffsetMs) / 1000;

  async function credentialsFor(request: AuthorizeRequest, signal?: AbortSignal): Promise<JudgedKeys> {
    if (cached && secondsLeft(cached) > Math.max(cached.marginSeconds, MIN_USABLE_SECONDS)) return cached;
    if (cached && secondsLeft(cached) > MIN_USABLE_SECONDS) {
      // Early refresh: this request signs with the keys it has, so a failing backend costs nothing yet.
      if (!shared && now() >= quietUntil) {
        shared = startFetch(request.clockOffsetMs, true);
        shared.promise.catch(() => undefined);
      }
      return cached;
    }
    throwIfAborted(signal);
    const entry = (shared ??= startFetch(request.clockOffsetMs));
    entry.waiters += 1;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      entry.waiters -= 1;
    };
    const onAbort = () => {
      leave();
      if (entry.waiters > 0 || entry.background) return;
      if (shared === entry) shared = undefined;
      entry.controller.abort(abortReason(signal as AbortSignal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await raceAbort(entry.promise, signal);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      leave();
    }
  }

  return {
    name,
    async authorize(request, opts = {}): Promise<Authorization> {
      const creds = await credentialsFor(request, opts.signal);
      const nowSec = Math.floor((now() + creds.clockOffsetMs) / 1000);
      let start = creds.startTime || nowSec - 1;
      let end = creds.expiredTime;
      if (request.expires !== undefined) {
        // A pre-signed URL lives from now, never past the keys' own expiry.
        start = nowSec - 1;
        end = Math.min(start + Math.max(1, Math.floor(request.expires)), creds.expiredTime);
      }
      let authorization: string;
      try {
        authorization = await getAuthorization({
          SecretId: creds.secretId,
          SecretKey: creds.secretKey,
          Method: request.method,
          Pathname: request.pathname,
          Query: request.query,
          Headers: request.headers,
          KeyTime: `${start};${end}`,
          SignHeaders: 'all',
        }, options.hash ?? request.hash);
      } catch (err) {
        throw providerError(name, `could not sign: ${(err as Error).message} (in Node pass a HashProvider, e.g. nodeHash)`, { cause: err });
      }
      return { authorization, securityToken: creds.securityToken };
    },
    async postPolicy(request, opts = {}) {
      const creds = await credentialsFor({ clockOffsetMs: request.clockOffsetMs } as AuthorizeRequest, opts.signal);
      const hash = options.hash ?? request.hash;
      try {
        // One policy per folder while these keys last (docs/many-files-throughput.md#one-post-policy-per-folder).
        return await policies.fieldsFor(creds, request.bucket, request.key, hash, (keyPrefix) => {
          const nowSec = Math.floor((now() + creds.clockOffsetMs) / 1000);
          const keyTime = `${creds.startTime || nowSec - 1};${creds.expiredTime}`;
          return signPostPolicy(request.bucket, keyPrefix, { ...creds, keyTime }, hash);
        });
      } catch (err) {
        throw providerError(name, `could not sign a POST policy: ${(err as Error).message}`, { cause: err });
      }
    },
    async prefetch({ clockOffsetMs = 0, signal } = {}) {
      await credentialsFor({ clockOffsetMs } as AuthorizeRequest, signal);
    },
    /**
     * After an expired-key answer. Given the failed request's authorization, only the keys that signed
     * it are dropped: when many requests fail at once, the first drops them and the rest find newer keys
     * or the one refresh already under way.
     */
    invalidate(used?: Authorization) {
      if (used) {
        if (cached && signedWith(cached, used)) cached = undefined;
        return;
      }
      generation += 1;
      cached = undefined;
      shared = undefined;
    },
  };
}
