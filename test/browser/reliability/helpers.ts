// Shared pieces of the browser reliability tests, against the emulator the test runner starts
// (scripts/wtr-emulator-plugin.mjs). Other test files share that emulator: every fault rule here names
// this suite's keys, and nothing here clears faults, the clock or the log.
import type { FaultRule, RequestLogEntry } from '../../../src/emulator/types.js';
import type { EmulatorInfo } from '../shared/emulator.js';
export { bytesOf, sha256 } from '../../shared/bytes.js';
export { emulator, type EmulatorInfo } from '../shared/emulator.js';
export { clientFor } from '../shared/client.js';

export const MiB = 1024 * 1024;

export function uniquePrefix(name: string): string {
  return `reliability-${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}/`;
}

export async function addFaults(emu: EmulatorInfo, rules: FaultRule[]): Promise<void> {
  const response = await fetch(`${emu.url}/-/faults`, { method: 'POST', body: JSON.stringify(rules), headers: { 'Content-Type': 'application/json' } });
  if (response.status !== 204) throw new Error(`POST /-/faults answered ${response.status}: ${await response.text()}`);
}

/** The emulator's request log, restricted to keys under `prefix`. */
export async function logUnder(emu: EmulatorInfo, prefix: string): Promise<RequestLogEntry[]> {
  const entries = (await (await fetch(`${emu.url}/-/log`)).json()) as RequestLogEntry[];
  return entries.filter((e) => e.key.startsWith(prefix));
}

/** mulberry32: a seeded PRNG, so the fault plan is the same on every run. */
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


export async function pngFile(name: string, width = 48, height = 32): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#2563eb';
  ctx.fillRect(0, 0, width, height);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], name, { type: 'image/png' });
}

/** Every element under `root`, shadow trees included. */
export function deepElements(root: Document | ShadowRoot | Element): Element[] {
  const out: Element[] = [];
  for (const el of (root as ParentNode).querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...deepElements(el.shadowRoot));
  }
  return out;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
