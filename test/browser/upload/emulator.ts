import { CosClient, createStsTokenProvider } from '../../../src/core/index.js';
import type { FaultRule, RequestLogEntry } from '../../../src/emulator/types.js';
import { bytesOf } from '../../shared/bytes.js';
export { bytesOf };

export interface EmulatorInfo {
  url: string;
  bucket: string;
  region: string;
  endpoint: string;
}

export const MiB = 1024 * 1024;

export async function emulator(): Promise<EmulatorInfo> {
  return (await import('/__cos-emulator.js' as string)).default as EmulatorInfo;
}

/** The real client, as a page would build it: temporary keys from the emulator's STS endpoint. */
export function clientFor(emu: EmulatorInfo): CosClient {
  return new CosClient({ bucket: emu.bucket, region: emu.region, endpoint: emu.endpoint, tokenProvider: createStsTokenProvider({ url: `${emu.url}/sts` }) });
}

/** Test files run in parallel against one emulator: every test uses its own key prefix and filters the log by it. */
export function uniqueKey(name: string): string {
  return `engine-tests/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}/${name}`;
}

export async function addFault(emu: EmulatorInfo, rule: FaultRule): Promise<void> {
  const response = await fetch(`${emu.url}/-/faults`, { method: 'POST', body: JSON.stringify(rule), headers: { 'Content-Type': 'application/json' } });
  if (response.status !== 204) throw new Error(`POST /-/faults answered ${response.status}: ${await response.text()}`);
}

export async function logFor(emu: EmulatorInfo, key: string): Promise<RequestLogEntry[]> {
  const response = await fetch(`${emu.url}/-/log`);
  const entries = (await response.json()) as RequestLogEntry[];
  return entries.filter((e) => e.key === key);
}


export function fileOf(size: number, name: string, seed = 1, type = 'application/octet-stream'): File {
  return new File([bytesOf(size, seed)], name, { type, lastModified: 1_700_000_000_000 });
}

export async function sha256(blob: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const tick = (ms = 1) => new Promise((r) => setTimeout(r, ms));
