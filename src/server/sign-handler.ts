import { getAuthorization } from '../core/auth/sign.js';
import { createGuard, type Admitted, type DenialContext, type Grant } from './guard.js';
import { PartBudget } from './part-budget.js';
import { checkPicOperations } from './pic-scope.js';
import { subtleHash } from './subtle-hash.js';
import { Denial, deny, readJsonBody } from './respond.js';
import { checkBodyLength, checkHeaders, checkObjectKey, checkParams, detectAction, parseSignBody } from './sign-request.js';
import type { FetchHandler, GuardOptions, ServerUser } from './types.js';

export interface SignHandlerOptions<U extends ServerUser = ServerUser> extends GuardOptions<U> {
  /**
   * The key the server signs with. Prefer a CAM sub-user limited to this bucket and the upload actions:
   * a signature carries the full rights of the key that made it.
   */
  secretId: string;
  secretKey: string;
  /** Longest validity of a signature, in seconds; a shorter `expires` asked by the browser is kept. Default 600. */
  lifetimeSeconds?: number;
  /**
   * Host values the browser may have signed (the authority it sends requests to). Default the bucket's
   * COS domain and its accelerate domain. A request without Host gets the first one signed.
   */
  hosts?: readonly string[];
}

const MAX_BODY = 64 * 1024;

/**
 * Answers `<cos-uploader sign-url>`: POST `{method, pathname, key, query, headers, bucket, region, expires}`
 * → `{authorization}`. It signs only what the signed-in user may do: an allowed action, on a key inside
 * their prefix, in this bucket, with a bounded body. Everything else is refused with a COS-style error.
 */
export function createSignHandler<U extends ServerUser>(options: SignHandlerOptions<U>): FetchHandler {
  if (!options.secretId || !options.secretKey) throw new TypeError('createSignHandler: secretId and secretKey are required');
  const guard = createGuard('sign', options, { methods: ['POST'], rateLimit: { limit: 300, windowMs: 60_000 } });
  const { bucket, region, actions, maxObjectSize, now } = guard.settings;
  const lifetime = options.lifetimeSeconds ?? 600;
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > 7200) throw new TypeError('lifetimeSeconds must be 1-7200');
  const hosts = options.hosts ?? [`${bucket}.cos.${region}.myqcloud.com`, `${bucket}.cos.accelerate.myqcloud.com`];
  if (hosts.length === 0) throw new TypeError('hosts must name at least one host');
  const budget = new PartBudget(maxObjectSize);

  async function decide({ request, prefix }: Admitted<U>, context: DenialContext): Promise<Grant> {
    const body = parseSignBody(await readJsonBody(request, MAX_BODY));
    context.key = body.key;
    if ((body.bucket !== undefined && body.bucket !== bucket) || (body.region !== undefined && body.region !== region)) {
      throw deny('AccessDenied', `This backend signs for bucket ${bucket} in ${region} only.`);
    }
    const action = detectAction(body.method, body.key, body.query);
    if (!action) throw deny('AccessDenied', `This backend does not sign ${body.method} ${body.pathname}: only upload requests are signed.`);
    context.action = action;
    if (!actions.includes(action)) throw deny('AccessDenied', `${action} is not allowed for your uploads.`);
    checkParams(action, body.query);
    if (action === 'ListMultipartUploads') {
      if (body.pathname !== '/') throw deny('AccessDenied', 'ListMultipartUploads is a bucket request; its pathname is "/".');
      if (!body.query.prefix.startsWith(prefix)) throw deny('AccessDenied', `Listing "${body.query.prefix}" is outside your prefix "${prefix}".`);
    } else {
      checkObjectKey(body.key, body.pathname, prefix);
    }
    const headers = { ...body.headers };
    checkHeaders(headers);
    if (headers.host === undefined) headers.host = hosts[0];
    else if (!hosts.includes(headers.host)) throw deny('AccessDenied', `Host ${headers.host} is not this backend's bucket.`);
    const length = checkBodyLength(action, headers, maxObjectSize);
    if (action === 'UploadPart') budget.admit(body.key, body.query.uploadid, Number(body.query.partnumber), length!);
    checkPicOperations(headers['pic-operations'], body.key, prefix, bucket);

    const asked = body.expires === undefined ? lifetime : Math.floor(body.expires);
    if (asked < 1) throw new Denial(400, 'InvalidArgument', 'expires must be at least 1 second.');
    const authorization = await getAuthorization({
      SecretId: options.secretId,
      SecretKey: options.secretKey,
      Method: body.method,
      Pathname: body.pathname,
      Query: body.query,
      Headers: headers,
      // The server's clock: COS compares the window with its own time, not the browser's.
      StartTime: Math.floor(now() / 1000) - 1,
      Expires: Math.min(asked, lifetime),
    }, subtleHash);
    return { body: { authorization }, audit: { reason: `signed ${action}`, action, key: body.key || body.query.prefix } };
  }

  return (request) => guard.serve(request, decide);
}
