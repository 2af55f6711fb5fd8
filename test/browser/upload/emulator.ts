import type { FaultRule, RequestLogEntry } from '../../../src/emulator/types.js';
import { bytesOf } from '../../shared/bytes.js';
import type { EmulatorInfo } from '../shared/emulator.js';
export { bytesOf, sha256 } from '../../shared/bytes.js';
export { emulator, type EmulatorInfo } from '../shared/emulator.js';
export { clientFor } from '../shared/client.js';

export const MiB = 1024 * 1024;

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

export const tick = (ms = 1) => new Promise((r) => setTimeout(r, ms));
