/**
 * Getting ready for the first file before it arrives, on a freshly loaded standalone page (docs/cold-start.md):
 * the upload chunks all at once, and the temporary keys at the user's intent, while those chunks still load.
 */
import type { UploaderSettings } from './settings.js';
import { loadEngine } from './engine-loader.js';
import { fetchKeysEarly } from './early-keys.js';
import { loadFilesView } from './files-view-loader.js';

/**
 * Every chunk the engine and the file list are made of (paths relative to this bundle), written here by the
 * standalone build (scripts/chunk-preload.ts). Elsewhere the marker stays a string and nothing is asked for early.
 */
const UPLOAD_CHUNKS: unknown = '__COS_UPLOAD_CHUNKS__';
let chunksAsked = false;

/**
 * Asks for all upload chunks in parallel. Left to themselves, the engine's imports are found one level at a time
 * (engine, then client and manager, then theirs): three round trips instead of one. `import()` rather than
 * `<link rel=modulepreload>`: it needs no document, and a strict CSP's `strict-dynamic` trusts it as it trusts the
 * engine's own import.
 */
function askForUploadChunks(): void {
  if (chunksAsked || !Array.isArray(UPLOAD_CHUNKS)) return;
  chunksAsked = true;
  for (const path of UPLOAD_CHUNKS as string[]) import(/* @vite-ignore */ new URL(path, import.meta.url).href).catch(() => undefined);
}

/** Starts loading the engine and the file list ahead of the first file, so a drop goes out without that wait. */
export function preloadUploads(): void {
  askForUploadChunks();
  loadEngine().catch(() => undefined);
  loadFilesView().catch(() => undefined);
}

/**
 * The user means to upload (a drag over the element, a press on it, a file handed over) and the engine is not in
 * yet: ask for keys now, in parallel with the engine, instead of after it. A page's own provider is asked to
 * prefetch; a token URL is fetched here and the engine's provider adopts the answer (one STS call, not two).
 * Signing backends sign per request, so there is nothing to fetch ahead for them.
 */
export function fetchKeysAtIntent(settings: UploaderSettings): void {
  if (!settings.bucket || !settings.region) return;
  if (settings.tokenProvider) settings.tokenProvider.prefetch?.().catch(() => undefined);
  else if (settings.tokenUrl) fetchKeysEarly(settings.tokenUrl);
}

/**
 * Calls `ready` when the user shows intent on the element: a drag entering it or a press on it. Intent, not a
 * passing pointer: keys are fetched ahead only from here (docs/cold-start.md#intent). The uploader builds the
 * first row's number formats a task after that (once the key request is out), as the first Intl.NumberFormat
 * costs milliseconds the drop should not wait for.
 */
export function onIntent(host: HTMLElement, ready: () => void): void {
  for (const type of ['dragenter', 'pointerdown']) host.addEventListener(type, ready, { passive: true });
}
