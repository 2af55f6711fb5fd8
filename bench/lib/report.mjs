// Turns the measured runs into the summary (medians, ratios, targets) and the Markdown table.
const MB = 1e6;
const MiB = 2 ** 20;
const KB = 1000;

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * One path's runs, represented by the fastest (other work on a shared machine only ever slows a run down, so the
 * best of N is the least noisy estimate; the median is kept beside it), with the memory peaks of all runs.
 */
export function summarizeRuns(runs) {
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  const best = sorted[0];
  const { ms, bytes, files } = best;
  const peak = (key) => Math.max(...runs.map((r) => r.memory?.[key] ?? NaN));
  return {
    runs: runs.length,
    ms,
    medianMs: median(runs.map((r) => r.ms)),
    allMs: runs.map((r) => r.ms),
    bytes,
    files,
    mbPerSecond: bytes / MB / (ms / 1000),
    filesPerSecond: files / (ms / 1000),
    phases: best.phases,
    peakHeapGrowthBytes: Math.max(...runs.map((r) => (r.memory ? r.memory.peakHeapBytes - r.memory.baselineHeapBytes : NaN))),
    peakHeapBytes: peak('peakHeapBytes'),
    peakRendererRssBytes: peak('peakRendererRssBytes'),
    peakRendererGrowthBytes: Math.max(...runs.map((r) => (r.memory ? r.memory.peakRendererRssBytes - r.memory.baselineRendererRssBytes : NaN))),
    peakChromiumPssBytes: peak('peakChromiumPssBytes'),
    cpuSeconds: best.memory?.cpuSeconds,
    // Which CRC-64 implementation checked our upload (docs/crc64-wasm.md); absent for the other paths.
    crc64Engine: best.crc64Engine,
    requests: best.requests,
  };
}

export function evaluateTargets({ large, largeOwnCore, small, sizes, ourDefaults }) {
  const heapBound = ourDefaults.concurrency * ourDefaults.partSize;
  const ratio = (a, b) => a / b;
  return [
    { id: 'large-vs-raw', label: 'large file, shared cores: ours ≥ 0.9 × raw PUT', value: ratio(large.ours.mbPerSecond, large.raw.mbPerSecond), threshold: 0.9, unit: '×' },
    // Skipped only where the emulator cannot be given a core of its own (bench/lib/pin.mjs says why).
    ...(largeOwnCore?.ours
      ? [{ id: 'large-vs-raw-own-core', label: 'large file, emulator on its own core: ours ≥ 0.9 × raw PUT', value: ratio(largeOwnCore.ours.mbPerSecond, largeOwnCore.raw.mbPerSecond), threshold: 0.9, unit: '×' }]
      : []),
    { id: 'large-vs-sdk', label: 'large file: ours ≥ 1.3 × SDK defaults', value: ratio(large.ours.mbPerSecond, large.sdkDefaults.mbPerSecond), threshold: 1.3, unit: '×' },
    { id: 'small-vs-sdk', label: 'small files: ours ≥ 2 × SDK defaults', value: ratio(small.ours.filesPerSecond, small.sdk.filesPerSecond), threshold: 2, unit: '×' },
    {
      id: 'heap-bound',
      label: `JS heap growth ≤ concurrency × part size (${ourDefaults.concurrency} × ${ourDefaults.partSize / MiB} MiB)`,
      value: large.ours.peakHeapGrowthBytes / MiB,
      threshold: heapBound / MiB,
      unit: 'MiB',
      atMost: true,
    },
    { id: 'first-file', label: 'first file (cos-uploader.js + static imports) ≤ 25 KB gzip', value: sizes.ours.initial.gzip / KB, threshold: 25, unit: 'KB', atMost: true },
    { id: 'all-chunks', label: 'everything incl. lazy chunks ≤ 45 KB gzip', value: sizes.ours.total.gzip / KB, threshold: 45, unit: 'KB', atMost: true },
  ].map((t) => ({ ...t, met: Number.isFinite(t.value) && (t.atMost ? t.value <= t.threshold : t.value >= t.threshold) }));
}

const fixed = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const mib = (bytes) => fixed(bytes / MiB, 1);
const kb = (bytes) => fixed(bytes / KB, 1);
/** Element names as code: a bare `<cos-uploader>` in Markdown is an HTML tag. */
const code = (text) => text.replace(/<[^>]+>/g, (tag) => `\`${tag}\``);
const row = (cells) => `| ${cells.join(' | ')} |`;
const table = (head, rows) => [row(head), row(head.map((h, i) => (i === 0 ? '---' : '---:'))), ...rows.map(row)].join('\n');

/** Share of each package / source folder in the code a page loads first (entry + static imports). */
function composition(summary) {
  const byPkg = new Map();
  for (const chunk of summary.chunks.filter((c) => summary.initial.chunks.includes(c.file))) {
    for (const m of chunk.topModules) byPkg.set(m.pkg, (byPkg.get(m.pkg) ?? 0) + m.bytes);
  }
  const total = [...byPkg.values()].reduce((a, b) => a + b, 0);
  const shown = [...byPkg].filter(([pkg, bytes]) => pkg !== 'the rest' && bytes / total >= 0.01).sort((a, b) => b[1] - a[1]);
  const rest = total - shown.reduce((n, [, bytes]) => n + bytes, 0);
  const share = (bytes) => `${Math.round((100 * bytes) / total)} %`;
  return [...shown.map(([pkg, bytes]) => `${pkg} ${share(bytes)}`), ...(rest / total >= 0.005 ? [`the rest ${share(rest)}`] : [])].join(', ');
}

const LARGE_HEAD = ['path', 'parts', 's (median)', 'MB/s', '× raw PUT', 'ms to 1st part', 'parts s', 'Complete ms', 'requests', 'heap growth MiB', 'renderer RSS MiB (growth)', 'CPU s: renderer / browser / network / emulator / rest of machine'];

const largeRatios = (large) =>
  `Ratios: ours / raw PUT = **${fixed(large.ours.mbPerSecond / large.raw.mbPerSecond, 2)}** ` +
  `(medians ${fixed(large.raw.medianMs / large.ours.medianMs, 2)}), ` +
  `ours / SDK defaults = **${fixed(large.ours.mbPerSecond / large.sdkDefaults.mbPerSecond, 2)}**, ` +
  `ours / SDK with our settings = **${fixed(large.ours.mbPerSecond / large.sdkTuned.mbPerSecond, 2)}**.`;

function largeTableRows(large, config) {
  const part = (p) => (p ? `${p.partSize / MiB} MiB × ${p.concurrency}` : '1 request');
  return [
    ['raw `fetch` PUT, pre-signed URL (reference)', large.raw, undefined],
    ['**ours**, defaults', large.ours, config.ourDefaults],
    ['cos-js-sdk-v5 `uploadFile`, defaults', large.sdkDefaults, config.sdkDefaults],
    ['cos-js-sdk-v5 `uploadFile`, our part size + parallelism', large.sdkTuned, config.ourDefaults],
  ].map(([name, s, p]) => [
    s.failed ? `${name} — **failed**` : s.crc64Engine ? `${name}, CRC-64 in ${s.crc64Engine === 'wasm' ? 'WebAssembly' : 'JS'}` : name,
    part(p),
    `${fixed(s.ms / 1000, 2)} (${fixed(s.medianMs / 1000, 2)})`,
    fixed(s.mbPerSecond, 1),
    fixed(s.mbPerSecond / large.raw.mbPerSecond, 2),
    fixed(s.phases?.firstPartMs ?? s.phases?.firstRequestMs, 0),
    s.phases?.partsMs === undefined ? '–' : fixed(s.phases.partsMs / 1000, 2),
    s.phases?.completeMs === undefined ? '–' : fixed(s.phases.completeMs, 0),
    String(s.phases?.requests ?? 'n/a'),
    mib(s.peakHeapGrowthBytes),
    `${mib(s.peakRendererRssBytes)} (+${mib(s.peakRendererGrowthBytes)})`,
    s.cpuSeconds ? ['renderer', 'browser', 'network', 'emulator', 'otherProcesses'].map((k) => fixed(s.cpuSeconds[k] ?? 0, 1)).join(' / ') : 'n/a',
  ]);
}

export function markdown(result) {
  const { machine, config, large, largeOwnCore, small, latency, sizes, targets } = result;
  const sizeLabel = config.largeBytes >= 2 ** 30 ? `${config.largeBytes / 2 ** 30} GiB` : `${config.largeBytes / MiB} MiB`;
  const largeRows = largeTableRows(large, config);
  const smallRows = [
    ['**ours**, defaults', small.ours],
    ['cos-js-sdk-v5 `uploadFiles`, defaults', small.sdk],
  ].map(([name, s]) => [s.failed ? `${name} — **failed**` : name, `${fixed(s.ms / 1000, 2)} (${fixed(s.medianMs / 1000, 2)})`, fixed(s.filesPerSecond, 0), fixed(s.filesPerSecond / small.sdk.filesPerSecond, 2)]);
  const sizeRows = [sizes.ours, sizes.core, sizes.xmlParser, sizes.sdk, sizes.uppy].map((s) => [
    s.name,
    String(s.total.files),
    kb(s.initial.bytes),
    `**${kb(s.initial.gzip)}**`,
    kb(s.total.bytes),
    `**${kb(s.total.gzip)}**`,
  ]);
  const pages = sizes.ours.pages;
  const pageRows = pages
    ? [...pages.pages.map((p) => [code(p.label), String(p.files), kb(p.bytes), `**${kb(p.gzip)}**`]),
      ...pages.uploaderExtras.map((x) => [`upload path + ${code(x.label)}`, `+${x.files}`, `+${kb(x.bytes)}`, `+${kb(x.gzip)}`])]
    : [];
  const latencyRows = [
    ['**ours**: `drop` on `<cos-uploader>`', latency.ours],
    ['cos-js-sdk-v5: `uploadFile()` call', latency.sdk],
  ].map(([name, l]) => [
    name,
    l.first ?? 'failed',
    fixed(l.firstMs, 1),
    fixed(l.coldFirstMs, 1),
    l.firstCos ?? 'failed',
    fixed(l.firstCosMs, 1),
    fixed(l.coldFirstCosMs, 1),
  ]);
  if (latency.ours.coldLateRuns) {
    const l = latency.ours;
    latencyRows.splice(1, 0, ['ours, element created two frames before the drop', '', '', fixed(l.coldLateFirstMs, 1), '', '', fixed(l.coldLateFirstCosMs, 1)]);
  }
  const targetRows = targets.map((t) => [
    t.label,
    Number.isFinite(t.value) ? `${fixed(t.value, 2)} ${t.unit}` : 'not measured',
    t.met ? '✅ met' : '❌ not met',
  ]);
  return [
    `### Benchmark${config.quick ? ' (quick smoke run: sizes shrunk, not representative)' : ''}`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM, ${machine.os}; ${machine.chromium} headless; Node ${machine.node}. ` +
      `Emulator and page on loopback (different origins, so CORS preflights are paid). ${result.date}. ` +
      `Load average (1 min) at start / end: ${fixed(machine.loadStart, 2)} / ${fixed(machine.loadEnd, 2)}` +
      (Math.max(machine.loadStart, machine.loadEnd) > 1 ? ' — the machine was busy with other work; timings are noisy.' : '.'),
    '',
    `**1. Large file: ${sizeLabel}**, chosen through the file input; best of ${config.runs} run(s) per path (median in brackets). ` +
      'Phases from the page: time to the first part (or the request), the span of the parts, the Complete request; ' +
      'requests seen by the page (CORS preflights not counted). Memory: JS heap (ArrayBuffers included) growth over ' +
      'the pre-upload baseline and peak renderer RSS. CPU: seconds per process over the upload.',
    '',
    table(
      LARGE_HEAD,
      largeRows,
    ),
    '',
    largeRatios(large),
    '',
    ...(largeOwnCore?.ours
      ? [
          `**1b. Large file, the emulator on a core of its own** (CPUs ${largeOwnCore.layout.serverCpu}; Chromium and the ` +
            `bench on ${largeOwnCore.layout.clientCpus}), as COS runs on other machines than the user's browser: the same ` +
            'paths and runs. With shared cores every CPU second the page spends is taken from the stand-in server ' +
            '(docs/integrity-and-wan.md#server-on-its-own-core).',
          '',
          table(LARGE_HEAD, largeTableRows(largeOwnCore, config)),
          '',
          largeRatios(largeOwnCore),
          '',
        ]
      : [`**1b. Large file, the emulator on a core of its own**: not run (${largeOwnCore?.skipped ?? 'not measured'}).`, '']),
    `**2. Many small files: ${config.smallCount} × ${config.smallBytes / 1024} KiB**, best of ${config.runs} run(s) (median in brackets).`,
    '',
    table(['path', 's (median)', 'files/s', '× SDK'], smallRows),
    '',
    '**4. Bundle size**, JS only, minified by Vite 8 (rolldown), gzip -9 (node:zlib); initial = entry + its static imports.',
    '',
    table(['bundle', 'files', 'initial min KB', 'initial gzip KB', 'all min KB', 'all gzip KB'], sizeRows),
    '',
    `What a page loads first with \`${sizes.ours.entryFile}\` (share of the code before minification): ${composition(sizes.ours)}.`,
    '',
    ...(pages
      ? [
          'What a page with our standalone build fetches (first load included): the upload path is a page with only ' +
            '`<cos-uploader>` uploading one file; each element alone; optional uploader features as what they add to the upload path. ' +
            'The 45 KB target above counts every chunk, whatever a page uses.',
          '',
          table(['page', 'files', 'min KB', 'gzip KB'], pageRows),
          '',
        ]
      : []),
    `**5. Latency** to the first request on the wire (page clock). Ours: dragenter, dragover, one frame, \`drop\` ` +
      'on the page\'s `<cos-uploader>`; the SDK: its `uploadFile()` call on a fresh instance. Warm: median of ' +
      `${latency.ours.runs ?? 0} attempts on a page that already uploaded. Cold: median of ${latency.ours.coldRuns ?? 0} ` +
      'attempts, each the first upload about 200 ms after a fresh load (scripts and chunks fetched again), both clients ' +
      'on the page from its load; the extra row creates the element just before the drag instead, so its code loads ' +
      'inside the measured span (docs/cold-start.md).',
    '',
    table(['from', 'first request', 'warm ms', 'cold ms', 'first COS request', 'warm ms', 'cold ms'], latencyRows),
    '',
    '**Targets**',
    '',
    table(['target', 'measured', ''], targetRows),
    ...(result.failures?.length ? ['', '**Failures** (numbers shown as n/a):', '', ...result.failures.map((f) => `- ${f}`)] : []),
  ].join('\n');
}
