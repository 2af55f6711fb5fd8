import { join, resolve } from 'node:path';
import type { EmulatorState } from './context.js';
import { FaultInjector } from './faults.js';
import { MultipartStore } from './multipart-store.js';
import { checkLatency, TokenBucket } from './network.js';
import { ObjectStore } from './object-store.js';
import type { EmulatorOptions } from './types.js';

/** Printed development credentials, used when neither options nor COS_SECRET_ID / COS_SECRET_KEY give any. */
export const DEV_SECRET_ID = 'AKIDcosEmulatorDevelopmentKey0001';
export const DEV_SECRET_KEY = 'cosEmulatorDevelopmentSecretKey1';

/** Inputs of picture jobs may exceed the 32 MB of the synchronous modes; the real limit is unconfirmed (docs/processing-jobs.md). */
export const PIC_JOB_MAX_INPUT_BYTES = 200 * 1024 * 1024;

const BUCKET_NAME = /^[a-z\d-]+-(\d+)$/;

/** Options with their defaults applied, plus the stores and the fault list. */
export function resolveState(options: EmulatorOptions): EmulatorState {
  const bucket = options.bucket ?? 'examplebucket-1250000000';
  const match = BUCKET_NAME.exec(bucket);
  if (!match) throw new TypeError(`Bucket "${bucket}" must look like <name>-<appid>, e.g. examplebucket-1250000000.`);
  const region = options.region ?? 'ap-guangzhou';
  if (!/^[a-z\d-]+$/.test(region)) throw new TypeError(`Region "${region}" must match [a-z0-9-]+.`);
  const dataDir = resolve(options.dataDir ?? '.cos-data');
  const objects = new ObjectStore(join(dataDir, bucket));
  const clock = options.now ?? Date.now;
  const state: EmulatorState = {
    bucket,
    region,
    appId: options.appId ?? match[1],
    secretId: options.secretId ?? (process.env.COS_SECRET_ID || DEV_SECRET_ID),
    secretKey: options.secretKey ?? (process.env.COS_SECRET_KEY || DEV_SECRET_KEY),
    allowedOrigins: options.allowedOrigins ?? ['*'],
    cors: { kind: 'default' },
    ciEnabled: options.ciEnabled ?? true,
    maxSkewSeconds: options.maxSkewSeconds ?? 900,
    signPrefix: options.signPrefix ?? '',
    dataDir,
    objects,
    uploads: new MultipartStore(join(dataDir, bucket), objects.tmpDir),
    faults: new FaultInjector(),
    log: [],
    latencyMs: checkLatency(options.latencyMs),
    bandwidth: options.bandwidth === undefined ? undefined : new TokenBucket(options.bandwidth),
    skewMs: 0,
    picJobDelayMs: options.picJobDelayMs ?? 0,
    picJobMaxInputBytes: options.picJobMaxInputBytes ?? PIC_JOB_MAX_INPUT_BYTES,
    now: () => clock() + state.skewMs,
  };
  return state;
}
