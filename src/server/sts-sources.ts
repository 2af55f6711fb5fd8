import type { UploadAction } from './types.js';

/** What a user's temporary keys may do: decided by the handler from its options, never by the browser. */
export interface CredentialScope {
  bucket: string;
  region: string;
  /** Ends with '/'; the keys reach `<prefix>*` only. */
  prefix: string;
  actions: UploadAction[];
  durationSeconds: number;
  /** Largest Content-Length a PutObject or UploadPart may send. */
  maxObjectSize: number;
}

export interface TemporaryKeys {
  tmpSecretId: string;
  tmpSecretKey: string;
  sessionToken: string;
  /** Unix seconds, from the issuer's clock. */
  startTime: number;
  expiredTime: number;
}

/** Mints temporary keys for a scope: Tencent Cloud STS in production, the emulator's STS in development. */
export interface CredentialSource {
  readonly name: string;
  getCredentials(scope: CredentialScope): Promise<TemporaryKeys>;
}

function field(record: Record<string, unknown> | undefined, name: string, source: string): string {
  const value = record?.[name];
  if (typeof value !== 'string' || !value) throw new Error(`${source} answered without ${name}`);
  return value;
}

function seconds(value: unknown, name: string, source: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${source} answered ${name} ${JSON.stringify(value)}`);
  return n;
}

export interface EmulatorCredentialSourceOptions {
  /** The emulator's base URL, e.g. `http://127.0.0.1:9100`. Its `/sts` is open: development and tests only. */
  url: string;
  fetch?: typeof fetch;
}

/** Temporary keys from the local COS emulator's STS, which enforces prefix, actions and size like COS does. */
export function emulatorCredentialSource(options: EmulatorCredentialSourceOptions): CredentialSource {
  const name = `emulator STS ${options.url}`;
  return {
    name,
    async getCredentials(scope) {
      const fetchImpl = options.fetch ?? globalThis.fetch;
      const response = await fetchImpl(`${options.url.replace(/\/+$/, '')}/sts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prefix: scope.prefix, actions: scope.actions, duration: scope.durationSeconds, maxContentLength: scope.maxObjectSize }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${name} answered HTTP ${response.status}: ${text.slice(0, 200)}`);
      const answer = JSON.parse(text) as { Credentials?: Record<string, unknown>; StartTime?: unknown; ExpiredTime?: unknown };
      return {
        tmpSecretId: field(answer.Credentials, 'TmpSecretId', name),
        tmpSecretKey: field(answer.Credentials, 'TmpSecretKey', name),
        sessionToken: field(answer.Credentials, 'Token', name),
        startTime: seconds(answer.StartTime, 'StartTime', name),
        expiredTime: seconds(answer.ExpiredTime, 'ExpiredTime', name),
      };
    },
  };
}

/** A CAM policy document, as Tencent Cloud STS takes it. */
export interface CamPolicy {
  version: '2.0';
  statement: { effect: 'allow'; action: string[]; resource: string[]; condition?: Record<string, Record<string, number | string>> }[];
}

/** CAM names of the actions; image processing of a stored object is a Cloud Infinite action. */
const CAM_ACTION: Record<UploadAction, string> = {
  PutObject: 'name/cos:PutObject', InitiateMultipartUpload: 'name/cos:InitiateMultipartUpload',
  ListMultipartUploads: 'name/cos:ListMultipartUploads', ListParts: 'name/cos:ListParts', UploadPart: 'name/cos:UploadPart',
  CompleteMultipartUpload: 'name/cos:CompleteMultipartUpload', AbortMultipartUpload: 'name/cos:AbortMultipartUpload',
  HeadObject: 'name/cos:HeadObject', GetObject: 'name/cos:GetObject', DeleteObject: 'name/cos:DeleteObject',
  ImageProcess: 'name/ci:CreatePicProcessJob',
};

const BODY_ACTIONS: UploadAction[] = ['PutObject', 'UploadPart'];

/**
 * The least-privilege policy for one user: the granted actions on `<bucket>/<prefix>*` only, and the
 * body-carrying actions in a statement of their own with a `cos:content-length` ceiling, so that no
 * unconditioned statement grants them too.
 */
export function buildUploadPolicy(scope: CredentialScope): CamPolicy {
  const appId = scope.bucket.slice(scope.bucket.lastIndexOf('-') + 1);
  const resource = [`qcs::cos:${scope.region}:uid/${appId}:${scope.bucket}/${scope.prefix}*`];
  const body = scope.actions.filter((a) => BODY_ACTIONS.includes(a));
  const rest = scope.actions.filter((a) => !BODY_ACTIONS.includes(a));
  const statement: CamPolicy['statement'] = [];
  if (rest.length) statement.push({ effect: 'allow', action: rest.map((a) => CAM_ACTION[a]), resource });
  if (body.length) {
    statement.push({
      effect: 'allow',
      action: body.map((a) => CAM_ACTION[a]),
      resource,
      condition: { numeric_less_than_equal: { 'cos:content-length': scope.maxObjectSize } },
    });
  }
  return { version: '2.0', statement };
}

/** The part of `qcloud-cos-sts`'s `getCredential` this source uses; tests pass a fake. */
export type QcloudGetCredential = (options: {
  secretId: string; secretKey: string; region: string; durationSeconds: number; policy: CamPolicy; endpoint?: string; proxy?: string;
}) => Promise<{ credentials?: Record<string, unknown>; startTime?: unknown; expiredTime?: unknown }>;

export interface QcloudCredentialSourceOptions {
  /** A key allowed to call sts:GetFederationToken; keep it on the server. */
  secretId: string;
  secretKey: string;
  /** e.g. `sts.internal.tencentcloudapi.com` inside Tencent Cloud. */
  endpoint?: string;
  proxy?: string;
  /** Default: `getCredential` of the `qcloud-cos-sts` package (install it beside cos-uploader). */
  getCredential?: QcloudGetCredential;
}

async function loadQcloudSts(): Promise<QcloudGetCredential> {
  try {
    const module = (await import('qcloud-cos-sts')) as unknown as { default?: { getCredential: QcloudGetCredential }; getCredential?: QcloudGetCredential };
    const fn = module.getCredential ?? module.default?.getCredential;
    if (!fn) throw new Error('qcloud-cos-sts has no getCredential');
    return fn;
  } catch (err) {
    throw new Error(`qcloudCredentialSource needs the qcloud-cos-sts package (npm install qcloud-cos-sts): ${(err as Error).message}`);
  }
}

/** Temporary keys from Tencent Cloud STS (GetFederationToken) with the policy of `buildUploadPolicy`. */
export function qcloudCredentialSource(options: QcloudCredentialSourceOptions): CredentialSource {
  if (!options.secretId || !options.secretKey) throw new TypeError('qcloudCredentialSource: secretId and secretKey are required');
  const name = 'Tencent Cloud STS';
  return {
    name,
    async getCredentials(scope) {
      const getCredential = options.getCredential ?? (await loadQcloudSts());
      const answer = await getCredential({
        secretId: options.secretId,
        secretKey: options.secretKey,
        region: scope.region,
        durationSeconds: scope.durationSeconds,
        policy: buildUploadPolicy(scope),
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.proxy ? { proxy: options.proxy } : {}),
      });
      return {
        tmpSecretId: field(answer.credentials, 'tmpSecretId', name),
        tmpSecretKey: field(answer.credentials, 'tmpSecretKey', name),
        sessionToken: field(answer.credentials, 'sessionToken', name),
        startTime: seconds(answer.startTime, 'startTime', name),
        expiredTime: seconds(answer.expiredTime, 'expiredTime', name),
      };
    },
  };
}
