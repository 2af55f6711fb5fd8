/**
 * `<cos-results>`, `<cos-rule-editor>`, `<cos-doctor>` and `<cos-library>` as separate chunks for the standalone build: each module
 * loads the first time its tag is used. Where they are bundled statically (the package entry) the
 * import resolves at once and nothing else is fetched.
 */
// Each module defines its element as it loads; the import's value is dropped right there, so the bundler need not build
// a namespace object for a chunk that also serves other chunks (docs/bundle-size.md#fewer-files).
const MODULES = {
  'cos-results': () => import('../results/results.js').then(() => undefined),
  'cos-rule-editor': () => import('../rule-editor/rule-editor.js').then(() => undefined),
  'cos-doctor': () => import('../doctor/doctor.js').then(() => undefined),
  'cos-library': () => import('../library/library.js').then(() => undefined),
};

export type LazyTag = keyof typeof MODULES;

const loads = new Map<LazyTag, Promise<CustomElementConstructor>>();

/** Loads and defines one element; resolves with its class. A failed load is retried on the next call. */
export function loadElement(tag: LazyTag): Promise<CustomElementConstructor> {
  let load = loads.get(tag);
  if (!load) {
    load = MODULES[tag]().then(() => customElements.whenDefined(tag));
    load.catch(() => loads.delete(tag));
    loads.set(tag, load);
  }
  return load;
}

/** Loads every lazily defined element. */
export function loadElements(): Promise<CustomElementConstructor[]> {
  return Promise.all((Object.keys(MODULES) as LazyTag[]).map(loadElement));
}

const TAGS = Object.keys(MODULES) as LazyTag[];

function loadUsed(node: Node): void {
  if (!(node instanceof Element)) return;
  for (const tag of TAGS) if (!loads.has(tag) && (node.localName === tag || node.querySelector(tag))) void loadElement(tag).catch(() => undefined);
}

/**
 * Loads each element once its tag appears in the document (parsed, or added by script later).
 * Tags inside other shadow roots are not seen: call `loadElement`/`loadElements` for those.
 */
export function defineOnUse(doc: Document = document): void {
  loadUsed(doc.documentElement);
  if (TAGS.every((tag) => loads.has(tag))) return;
  const observer = new MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach(loadUsed);
    if (TAGS.every((tag) => loads.has(tag))) observer.disconnect();
  });
  observer.observe(doc, { childList: true, subtree: true });
}
