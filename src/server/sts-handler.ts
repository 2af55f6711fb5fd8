import { createGuard, type Admitted, type Grant } from './guard.js';
import { deny, readJsonBody } from './respond.js';
import type { CredentialSource } from './sts-sources.js';
import type { FetchHandler, GuardOptions, ServerUser } from './types.js';

export interface StsHandlerOptions<U extends ServerUser = ServerUser> extends GuardOptions<U> {
  /** Where temporary keys come from: `qcloudCredentialSource` for COS, `emulatorCredentialSource` for development. */
  source: CredentialSource;
  /** Lifetime of the temporary keys in seconds; default 900 (the widget refreshes them a minute before expiry). */
  durationSeconds?: number;
}

/** A page may say which bucket it means; it may not choose one. */
async function askedLocation(request: Request): Promise<{ bucket?: unknown; region?: unknown }> {
  const query = new URL(request.url).searchParams;
  const raw = request.method === 'POST' ? await readJsonBody(request, 16 * 1024, true) : undefined;
  const body = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return { bucket: body.bucket ?? query.get('bucket') ?? undefined, region: body.region ?? query.get('region') ?? undefined };
}

/**
 * Answers `<cos-uploader token-url>` (GET or POST) with temporary keys scoped to the signed-in user's
 * prefix, the allowed actions and `maxObjectSize`. The browser signs with them; COS enforces the scope.
 * Prefix, actions and size come from the server's options, never from the request.
 */
export function createStsHandler<U extends ServerUser>(options: StsHandlerOptions<U>): FetchHandler {
  if (!options.source || typeof options.source.getCredentials !== 'function') throw new TypeError('createStsHandler: a credential source is required');
  const guard = createGuard('sts', options, { methods: ['GET', 'POST'], rateLimit: { limit: 20, windowMs: 60_000 } });
  const { bucket, region, actions, maxObjectSize } = guard.settings;
  const durationSeconds = options.durationSeconds ?? 900;
  if (!Number.isInteger(durationSeconds) || durationSeconds < 60 || durationSeconds > 7200) throw new TypeError('durationSeconds must be 60-7200');

  async function decide({ request, prefix }: Admitted<U>): Promise<Grant> {
    const asked = await askedLocation(request);
    if ((asked.bucket !== undefined && asked.bucket !== bucket) || (asked.region !== undefined && asked.region !== region)) {
      throw deny('AccessDenied', `This backend hands out keys for bucket ${bucket} in ${region} only.`);
    }
    const keys = await options.source.getCredentials({ bucket, region, prefix, actions: [...actions], durationSeconds, maxObjectSize });
    return {
      body: {
        Credentials: { TmpSecretId: keys.tmpSecretId, TmpSecretKey: keys.tmpSecretKey, Token: keys.sessionToken },
        StartTime: keys.startTime,
        ExpiredTime: keys.expiredTime,
        Expiration: new Date(keys.expiredTime * 1000).toISOString(),
        Bucket: bucket,
        Region: region,
        Prefix: prefix,
      },
      audit: { reason: `issued temporary keys for ${actions.join(',')} (${durationSeconds} s, at most ${maxObjectSize} bytes a body)`, key: prefix },
    };
  }

  return (request) => guard.serve(request, decide);
}
