/**
 * Entry of dist/cos-uploader.js, for a plain `<script type="module">` (lit bundled in). It registers
 * `<cos-uploader>` at once and keeps the first file small; the rest loads as sibling chunks when first needed:
 * - `<cos-results>`, `<cos-rule-editor>`, `<cos-doctor>` and `<cos-library>`: when their tag appears in the document (or call `loadElement(tag)` /
 *   `loadElements()`, e.g. for tags inside another element's shadow root);
 * - the upload engine (client, manager, token providers, XML) and the file list: when an uploader connects, all
 *   their chunks at once (docs/cold-start.md);
 * - the whole core API (`CosClient`, `UploadManager`, rules, signing…): `const core = await loadCore()`.
 * The package entry (`cos-uploader`, dist/index.js) exports everything statically instead.
 */
import { defineOnUse } from './elements/shared/lazy-elements.js';
// Imported here, before the elements, for the bundler's sake only: without this edge it moves lit and the i18n helpers
// out of the entry into a shared chunk, and the first load becomes two files (docs/bundle-size.md; the chunk test
// fails when that happens).
import './elements/uploader/upload-controller.js';

export { CosUploader } from './elements/uploader/uploader.js';
export { loadElement, loadElements } from './elements/shared/lazy-elements.js';
export type { LazyTag } from './elements/shared/lazy-elements.js';
export type { CosResults } from './elements/results/results.js';
export type { CosRuleEditor } from './elements/rule-editor/rule-editor.js';
export type { CosDoctor } from './elements/doctor/doctor.js';
export type { CosLibrary } from './elements/library/library.js';
export * from './events/index.js';
// Dispatched only by the lazily loaded intake chunk: its type here, its class stays out of the first load.
export type { CosSourceErrorEvent, CosSourceErrorDetail } from './events/source-error.js';

/** The core's public API (src/core/index.ts), loaded on demand. */
export function loadCore(): Promise<typeof import('./core/index.js')> {
  return import('./core/index.js');
}

defineOnUse();
