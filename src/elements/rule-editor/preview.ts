/**
 * Live preview of download-time processing (`GET /key?<rule>`, docs/rules.md#where-a-rule-appears): one request per rule,
 * debounced while the user edits, with stale answers discarded (each request carries a generation number,
 * like Lit Task's callId) and the previous request aborted.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { jpegOrientation } from '../../core/rules/jpeg-orientation.js';

/** Returns a signed URL for `key` processed by `rule` ('' = the original). Wired by the page to the core client. */
export type PreviewUrlFn = (key: string, rule: string) => Promise<string>;

export interface PreviewResult {
  status: 'loading' | 'ready' | 'error';
  /** Object URL of the fetched image (kept while a newer one loads, so the picture does not flash). */
  src?: string;
  format?: string;
  bytes?: number;
  /** As the browser shows it: upright, whatever the EXIF orientation. */
  width?: number;
  height?: number;
  /** EXIF orientation of a JPEG (1 otherwise): operations see the stored pixels, which 5–8 swap. */
  orientation?: number;
  message?: string;
}

interface Entry {
  request: string;
  generation: number;
  timer?: ReturnType<typeof setTimeout>;
  abort?: AbortController;
  result: PreviewResult;
}

const SIGNATURES: [string, (b: Uint8Array) => boolean][] = [
  ['PNG', (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47],
  ['JPEG', (b) => b[0] === 0xff && b[1] === 0xd8],
  ['GIF', (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46],
  ['WEBP', (b) => String.fromCharCode(...b.slice(8, 12)) === 'WEBP'],
  ['AVIF', (b) => String.fromCharCode(...b.slice(4, 12)) === 'ftypavif'],
  ['HEIF', (b) => /^ftyp(heic|heix|mif1)/.test(String.fromCharCode(...b.slice(4, 12)))],
  ['BMP', (b) => b[0] === 0x42 && b[1] === 0x4d],
];

/** The image format from the first bytes; the server's Content-Type when unknown. */
export async function sniffFormat(blob: Blob): Promise<string> {
  const head = new Uint8Array(await blob.slice(0, 16).arrayBuffer());
  return SIGNATURES.find(([, test]) => test(head))?.[0] ?? (blob.type.replace(/^image\//, '').toUpperCase() || '?');
}

/** `Code: Message` from a COS error body (docs/protocol.md#errors), else the HTTP status. */
function errorMessage(status: number, body: string): string {
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
  return code ? `${code}${message ? `: ${message}` : ''}` : `HTTP ${status}`;
}

export class PreviewController implements ReactiveController {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly host: ReactiveControllerHost, private readonly delayMs = 300) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    for (const id of [...this.#entries.keys()]) this.#drop(id);
  }

  result(id: string): PreviewResult | undefined {
    return this.#entries.get(id)?.result;
  }

  /** Declares the previews wanted now; requests whatever changed, after the debounce delay. */
  sync(key: string, urlFor: PreviewUrlFn | undefined, wanted: { id: string; rule: string }[]): void {
    const ids = new Set(wanted.map((w) => w.id));
    for (const id of [...this.#entries.keys()]) if (!ids.has(id) || !urlFor || !key) this.#drop(id);
    if (!urlFor || !key) return;
    for (const { id, rule } of wanted) {
      const request = `${key}\n${rule}`;
      const entry = this.#entries.get(id);
      if (entry?.request === request) continue;
      const next: Entry = { request, generation: (entry?.generation ?? 0) + 1, result: { ...entry?.result, status: 'loading', message: undefined } };
      if (entry) {
        clearTimeout(entry.timer);
        entry.abort?.abort();
      }
      this.#entries.set(id, next);
      next.timer = setTimeout(() => void this.#load(id, next.generation, key, rule, urlFor), this.delayMs);
    }
  }

  /** Records the natural size once the <img> has decoded the picture. */
  setNaturalSize(id: string, width: number, height: number): void {
    const entry = this.#entries.get(id);
    if (!entry || (entry.result.width === width && entry.result.height === height)) return;
    entry.result = { ...entry.result, width, height };
    this.host.requestUpdate();
  }

  async #load(id: string, generation: number, key: string, rule: string, urlFor: PreviewUrlFn): Promise<void> {
    const entry = this.#entries.get(id);
    if (!entry || entry.generation !== generation) return;
    const abort = (entry.abort = new AbortController());
    const current = () => this.#entries.get(id)?.generation === generation;
    try {
      const url = await urlFor(key, rule);
      if (!current()) return;
      const response = await fetch(url, { signal: abort.signal });
      if (!response.ok) throw new Error(errorMessage(response.status, await response.text()));
      const blob = await response.blob();
      const format = await sniffFormat(blob);
      const orientation = format === 'JPEG' ? jpegOrientation(new Uint8Array(await blob.slice(0, 65536).arrayBuffer())) : 1;
      if (!current()) return;
      if (entry.result.src) URL.revokeObjectURL(entry.result.src);
      entry.result = { status: 'ready', src: URL.createObjectURL(blob), format, bytes: blob.size, orientation };
    } catch (error) {
      if (!current() || abort.signal.aborted) return;
      entry.result = { ...entry.result, status: 'error', message: (error as Error).message };
    }
    this.host.requestUpdate();
  }

  #drop(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.abort?.abort();
    if (entry.result.src) URL.revokeObjectURL(entry.result.src);
    this.#entries.delete(id);
  }
}
