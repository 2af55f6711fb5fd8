// "Many files through the element": targets, the Markdown table and the numbers that must be present
// (docs/many-files.md). Kept apart from report.mjs so the sections stay independent.
const MiB = 2 ** 20;
const fixed = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const row = (cells) => `| ${cells.join(' | ')} |`;
const table = (head, rows) => [row(head), row(head.map((h, i) => (i === 0 ? '---' : '---:'))), ...rows.map(row)].join('\n');
const PATHS = [
  ['ours', '**ours**: `<cos-uploader>` (standalone bundle), chosen through its file input'],
  ['sdk', 'cos-js-sdk-v5 `uploadFiles`, headless'],
  ['uppy', 'Uppy Dashboard + @uppy/aws-s3, pre-signed PUT'],
];

/** The targets, per set of files; "first request" only for the biggest set (the 10,000-file drop). */
export function manyTargets(many) {
  const biggest = Math.max(...many.map((set) => set.count));
  return many.flatMap((set) => {
    const label = `${set.count} × ${set.bytes / 1024} KiB`;
    const { ours, sdk, uppy } = set;
    const targets = [
      { id: `many-${set.count}-vs-sdk`, label: `${label}: ours ≥ 1.0 × headless SDK files/s`, value: ours.filesPerSecond / sdk.filesPerSecond, threshold: 1, unit: '×' },
      { id: `many-${set.count}-vs-uppy`, label: `${label}: ours ≥ 2 × Uppy Dashboard files/s`, value: ours.filesPerSecond / uppy.filesPerSecond, threshold: 2, unit: '×' },
      { id: `many-${set.count}-long-share`, label: `${label}: long tasks ≤ 10 % of wall time`, value: ours.longTasks?.share * 100, threshold: 10, unit: '%', atMost: true },
      { id: `many-${set.count}-long-max`, label: `${label}: no long task over 250 ms`, value: ours.longTasks?.maxMs, threshold: 250, unit: 'ms', atMost: true },
    ];
    if (set.count === biggest) {
      targets.push({ id: `many-${set.count}-first`, label: `${label}: first request ≤ 300 ms after the files are chosen`, value: ours.firstCosRequestMs, threshold: 300, unit: 'ms', atMost: true });
    }
    return targets.map((t) => ({ ...t, met: Number.isFinite(t.value) && (t.atMost ? t.value <= t.threshold : t.value >= t.threshold) }));
  });
}

/** Figures the table shows that are missing or not positive. */
export function manyMissing(many) {
  const missing = [];
  for (const set of many ?? []) {
    for (const [name] of PATHS) {
      const r = set[name];
      for (const key of ['filesPerSecond', 'heapAfterBytes', 'firstCosRequestMs']) {
        if (!(Number.isFinite(r?.[key]) && r[key] > 0)) missing.push(`missing or invalid number: many.${set.count}.${name}.${key}=${r?.[key]}`);
      }
      if (!Number.isFinite(r?.longTasks?.share)) missing.push(`missing: many.${set.count}.${name}.longTasks`);
    }
  }
  return missing;
}

export function manyMarkdown(many, plan) {
  const runs = `${plan.manyRuns} run(s) of ours and the SDK, ${Math.min(plan.uppyRuns, plan.manyRuns)} of Uppy`;
  const out = [
    `**3. Many files through the element**, best of ${runs} (medians in brackets: files/s, and their ratio). Files chosen ` +
      'into the page, the emulator on another origin (CORS preflights paid). Long tasks: main-thread tasks over 50 ms, ' +
      'their share of the wall time and the longest; first request: from choosing the files to the first COS request ' +
      'on the wire; heap: the JS heap after the run, after a forced GC, with the uploader (or Dashboard) still showing its list.',
  ];
  for (const set of many) {
    out.push('', `*${set.count} × ${set.bytes / 1024} KiB*`, '');
    out.push(table(['path', 'files/s (median)', '× SDK', 'long tasks % (count)', 'longest ms', 'first request ms', 'heap after MiB'],
      PATHS.map(([name, title]) => {
        const r = set[name];
        if (!r || r.failed) return [`${title} — **failed**`, 'n/a', 'n/a', 'n/a', 'n/a', 'n/a', 'n/a'];
        return [
          title,
          `${fixed(r.filesPerSecond, 0)} (${fixed(r.medianFilesPerSecond, 0)})`,
          `${fixed(r.filesPerSecond / set.sdk?.filesPerSecond, 2)} (${fixed(r.medianFilesPerSecond / set.sdk?.medianFilesPerSecond, 2)})`,
          `${fixed(r.longTasks.share * 100, 1)} (${r.longTasks.count})`,
          fixed(r.longTasks.maxMs, 0),
          fixed(r.firstCosRequestMs, 0),
          fixed(r.heapAfterBytes / MiB, 1),
        ];
      })));
  }
  const targets = manyTargets(many);
  out.push('', table(['target', 'measured', ''], targets.map((t) => [t.label, `${fixed(t.value, t.unit === '×' ? 2 : 1)} ${t.unit}`, t.met ? 'met' : '**not met**'])));
  return out.join('\n');
}
