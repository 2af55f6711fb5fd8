// Shared pieces of the reliability suite: an emulator of our own (restartable on the same port and data dir),
// the real core client and engine on FetchTransport, seeded randomness, hashes and log helpers.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCosEmulator, type CosEmulator, type EmulatorOptions, type FaultRule, type RequestLogEntry } from '../../../src/emulator/index.js';
import {
  CosClient, createStsTokenProvider, FetchTransport, MemoryResumeStore, UploadManager,
  type CosClientOptions, type TokenProvider, type UploadEngineOptions, type UploadSnapshot,
} from '../../../src/core/index.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import { bytesOf } from '../../shared/bytes.js';
export { bytesOf, sha256 } from '../../shared/bytes.js';

export const MiB = 1024 * 1024;

export interface Lab {
  emu: CosEmulator;
  url: string;
  port: number;
  dataDir: string;
  /** The endpoint template for CosClient (path style). */
  endpoint: string;
  /** Every request of every emulator instance this lab ran (a restart starts a new instance). */
  log(): RequestLogEntry[];
  faults(rules: FaultRule | FaultRule[]): void;
  /** Temporary keys from the emulator's STS endpoint (cached by the provider, like a page would). */
  sts(query?: Record<string, string>, extra?: { now?: () => number }): TokenProvider & { invalidate(): void };
  client(options?: Partial<CosClientOptions>): CosClient;
  manager(client: CosClient, options?: Partial<UploadEngineOptions>): UploadManager;
  /**
   * A process restart: the server goes away (open connections are cut), stays down `downMs`,
   * then a new emulator comes up on the same port over the same data dir.
   */
  restart(downMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** An emulator on a free loopback port over a fresh temp dir, with a random permanent key. */
export async function startLab(options: EmulatorOptions = {}): Promise<Lab> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cos-reliability-'));
  const settings: EmulatorOptions = {
    secretId: `AKIDperm${randomBytes(8).toString('hex')}`,
    secretKey: `permSecret${randomBytes(12).toString('hex')}`,
    ...options,
    dataDir,
  };
  let emu = createCosEmulator(settings);
  const url = await emu.listen(0);
  const port = Number(new URL(url).port);
  const earlierLogs: RequestLogEntry[] = [];
  const lab: Lab = {
    get emu() {
      return emu;
    },
    url,
    port,
    dataDir,
    endpoint: `${url}/{Bucket}`,
    log: () => [...earlierLogs, ...emu.log],
    faults: (rules) => emu.faults.add(rules),
    sts(query = {}, extra = {}) {
      const qs = new URLSearchParams(query).toString();
      return createStsTokenProvider({ url: `${url}/sts${qs ? `?${qs}` : ''}`, hash: nodeHash, now: extra.now });
    },
    client(options = {}) {
      return new CosClient({
        bucket: emu.bucket,
        region: emu.region,
        endpoint: lab.endpoint,
        tokenProvider: options.tokenProvider ?? lab.sts(),
        transport: new FetchTransport(),
        hash: nodeHash,
        ...options,
      });
    },
    manager(client, options = {}) {
      return new UploadManager({
        client,
        resumeStore: new MemoryResumeStore(),
        multipartThreshold: MiB,
        partSize: MiB,
        concurrency: 4,
        keyFor: (file) => (file as File).name,
        // These tests pin the PUT wire format for small files; integrity.test.ts covers POST Object.
        postObject: false,
        ...options,
      });
    },
    async restart(downMs = 300) {
      await emu.close();
      earlierLogs.push(...emu.log);
      await sleep(downMs);
      emu = createCosEmulator(settings);
      await emu.listen(port);
    },
    async close() {
      await emu.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return lab;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** mulberry32: a small seeded PRNG, so fault plans and file contents are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}


export function fileOf(size: number, name: string, seed = 1, type = 'application/octet-stream'): File {
  return new File([bytesOf(size, seed)], name, { type, lastModified: 1_700_000_000_000 });
}

/** A unique key prefix per test, so log filters and listings never see another test's objects. */
export function prefixFor(name: string): string {
  return `rel-${name}-${randomBytes(4).toString('hex')}/`;
}

/** Resolves once `predicate` holds for the manager's list; rejects with the statuses after `timeoutMs`. */
export function waitFor(
  manager: UploadManager,
  predicate: (uploads: readonly UploadSnapshot[]) => boolean,
  timeoutMs = 30_000,
): Promise<readonly UploadSnapshot[]> {
  return new Promise((resolve, reject) => {
    if (predicate(manager.snapshot())) return resolve(manager.snapshot());
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`waitFor timed out; statuses: ${manager.snapshot().map((u) => `${u.key}=${u.status}`).join(', ')}`));
    }, timeoutMs);
    const stop = manager.subscribe((uploads) => {
      if (!predicate(uploads)) return;
      clearTimeout(timer);
      stop();
      resolve(uploads);
    });
  });
}

/** Polls until `predicate` holds (for conditions on the emulator log). */
export async function until(predicate: () => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

export const partsOf = (log: RequestLogEntry[], key: string) => log.filter((e) => e.action === 'UploadPart' && e.key === key);

/**
 * Checks the "no finished part is sent again" rule on a log: for each part number, the attempts before its
 * first 2xx may have failed, but nothing follows that 2xx. Returns the part numbers that broke the rule.
 */
export function partsResentAfterSuccess(log: RequestLogEntry[], key: string): number[] {
  const succeeded = new Set<number>();
  const resent = new Set<number>();
  for (const entry of partsOf(log, key)) {
    const part = entry.partNumber ?? 0;
    if (succeeded.has(part)) resent.add(part);
    if (entry.status >= 200 && entry.status < 300) succeeded.add(part);
  }
  return [...resent].sort((a, b) => a - b);
}

/** Part numbers of `key` whose UploadPart answered 2xx (each once, sorted). */
export function succeededParts(log: RequestLogEntry[], key: string): number[] {
  const parts = partsOf(log, key).filter((e) => e.status >= 200 && e.status < 300).map((e) => e.partNumber ?? 0);
  return [...new Set(parts)].sort((a, b) => a - b);
}

/** The client error of a promise that must reject (assert.rejects does not hand the error back). */
export async function errorOf(promise: Promise<unknown>): Promise<Error & { code?: string; status?: number; source?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
