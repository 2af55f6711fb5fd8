// What a page of the standalone build loads (docs/bundle-size.md#what-a-page-loads): the first load, the upload path,
// and each optional element or feature, summed over the chunk graph. Shared by scripts/size-report.mjs (reading
// dist/) and the bench's size table (reading the build's output), so both count the same files.
//
// A chunk is { file, imports, dynamicImports, bytes, gzip, modules }: `imports` static, `dynamicImports` lazy, both as
// file names relative to the build's folder; `modules` the source paths it holds (as `src/…` or `node_modules/…`).

/** Where features are found: a source module the chunk holds (a path) or, for a chunk without one, its name. */
const FEATURES = {
  engine: 'src/elements/uploader/engine.ts',
  fileList: 'src/elements/uploader/uploader-files.ts',
  resumeOffer: 'src/elements/uploader/resume/resume-offer.ts',
  resumePrompt: 'src/elements/uploader/resume/resume-ui.ts',
  uploaderZh: 'src/elements/uploader/strings-zh.ts',
  extras: 'src/elements/uploader/extras/extras.ts',
  rowEdits: 'src/elements/uploader/edit/row-edits.ts',
  imageEditor: 'src/elements/uploader/edit/image-editor.ts',
  sha1Fallback: 'src/core/auth/sha1-fallback.ts',
  picJobs: 'src/core/ci/pic-jobs.ts',
  picChecks: 'src/core/rules/pic-header.ts',
  multipart: 'src/core/upload/multipart-steps.ts',
  clientXml: 'src/core/client-xml.ts',
  signer: 'src/core/auth/credentials-signer.ts',
  ruleEditor: 'src/elements/rule-editor/rule-editor.ts',
  onImage: 'src/elements/rule-editor/on-image.ts',
  catalogueZh: 'src/elements/rule-editor/catalogue-zh.ts',
  grammar: 'src/core/rules/validate.ts',
  results: 'src/elements/results/results.ts',
  library: 'src/elements/library/library.ts',
  doctorElement: 'src/elements/doctor/doctor.ts',
  doctorChecks: 'src/elements/doctor/browser-doctor.ts',
  core: 'core',
};

/**
 * Pages: the first load plus what the page's elements load. The upload path is what a page with only
 * `<cos-uploader>` (English, no options) fetches to upload one file: test/node/e2e/upload-path.test.ts checks it
 * against the files a real page requests.
 */
export const PAGES = [
  { label: 'upload path: <cos-uploader>, one file', features: ['engine', 'fileList', 'resumeOffer'] },
  { label: '<cos-rule-editor> alone (no preview)', features: ['ruleEditor'] },
  { label: '<cos-rule-editor> with its preview', features: ['ruleEditor', 'onImage'] },
  { label: '<cos-results> alone', features: ['results'] },
  { label: '<cos-library> alone', features: ['library'] },
  { label: '<cos-doctor> with its checks', features: ['doctorElement', 'doctorChecks'] },
  { label: 'demo: uploader + rule editor + results', features: ['engine', 'fileList', 'resumeOffer', 'ruleEditor', 'onImage', 'results'] },
];

/** Optional features of `<cos-uploader>`: what each adds to the upload path. */
export const UPLOADER_EXTRAS = [
  { label: 'Chinese strings (lang="zh-CN")', features: ['uploaderZh'] },
  { label: 'dialog, page drop, paste, camera', features: ['extras'] },
  { label: 'resume prompt (interrupted uploads)', features: ['resumePrompt'] },
  { label: 'row edits (editable) + image editor', features: ['rowEdits', 'imageEditor'] },
  // An upload with Pic-Operations reads their XML answer: the client's XML calls come along.
  { label: 'Pic-Operations (pic-operations, rules)', features: ['picChecks', 'clientXml'] },
  { label: 'background processing (picture jobs)', features: ['picJobs'] },
  { label: 'setup doctor after a failure', features: ['doctorElement', 'doctorChecks'] },
  { label: 'signing without WebCrypto (plain http)', features: ['sha1Fallback'] },
  { label: 'a large file (multipart requests, XML)', features: ['multipart', 'clientXml'] },
  { label: 'a signing backend (sign-url)', features: ['signer'] },
];

const normalize = (id) => id.replace(/\\/g, '/').replace(/^.*?\/?((?:src|node_modules)\/)/, '$1');
const nameOf = (file) => file.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, '').replace(/\.js$/, '');

/** The chunk graph's helpers over one build's chunks. */
export function chunkGraph(chunks) {
  const byFile = new Map(chunks.map((c) => [c.file, { ...c, modules: c.modules.map(normalize) }]));
  const entry = chunks.find((c) => c.isEntry);
  if (!entry) throw new Error('the build has no entry chunk');
  /** A file and its static imports, each once. */
  const closure = (file, into = new Set()) => {
    if (into.has(file)) return into;
    const chunk = byFile.get(file);
    if (!chunk) throw new Error(`${file} is imported but not in the build`);
    into.add(file);
    for (const dep of chunk.imports) closure(dep, into);
    return into;
  };
  const firstLoad = closure(entry.file);
  const reachable = new Set();
  const walk = (file) => {
    if (reachable.has(file)) return;
    closure(file, reachable);
    for (const f of [...reachable]) for (const dep of byFile.get(f).dynamicImports) walk(dep);
  };
  walk(entry.file);
  const featureFile = (feature) => {
    const where = FEATURES[feature];
    if (!where) throw new Error(`unknown feature ${feature}`);
    const found = [...byFile.values()].filter((c) => (where.includes('/') ? c.modules.includes(where) : nameOf(c.file) === where));
    if (found.length !== 1) throw new Error(`${where} should be in exactly one chunk, found ${found.length}`);
    return found[0].file;
  };
  const filesOf = (features, base = firstLoad) => {
    const files = new Set(base);
    for (const feature of features) closure(featureFile(feature), files);
    return files;
  };
  const sum = (files) => [...files].reduce((acc, f) => ({ bytes: acc.bytes + byFile.get(f).bytes, gzip: acc.gzip + byFile.get(f).gzip, files: acc.files + 1 }), { bytes: 0, gzip: 0, files: 0 });
  return { byFile, entry: entry.file, firstLoad, reachable, filesOf, sum };
}

/** Totals per page, per uploader feature (added to the upload path), first load and everything. */
export function pageTotals(chunks) {
  const g = chunkGraph(chunks);
  const uploadPath = g.filesOf(PAGES[0].features);
  return {
    firstLoad: g.sum(g.firstLoad),
    everything: g.sum(g.reachable),
    pages: PAGES.map((p) => ({ label: p.label, ...g.sum(g.filesOf(p.features)) })),
    uploaderExtras: UPLOADER_EXTRAS.map((x) => {
      const files = [...g.filesOf(x.features, uploadPath)].filter((f) => !uploadPath.has(f));
      return { label: x.label, ...g.sum(files) };
    }),
    uploadPathFiles: [...uploadPath],
  };
}
