// A benchmark that silently loses a number rots: every figure the table shows must be a positive finite number.
const REQUIRED = [
  ...['raw', 'ours', 'sdkDefaults', 'sdkTuned'].flatMap((p) => [
    `large.${p}.ms`,
    `large.${p}.mbPerSecond`,
    `large.${p}.peakHeapBytes`,
    `large.${p}.peakRendererRssBytes`,
    `large.${p}.peakChromiumPssBytes`,
  ]),
  ...['ours', 'sdk'].flatMap((p) => [`small.${p}.ms`, `small.${p}.filesPerSecond`]),
  ...['ours', 'sdk'].flatMap((p) => [`latency.${p}.firstMs`, `latency.${p}.coldFirstMs`, `latency.${p}.firstCosMs`, `latency.${p}.coldFirstCosMs`]),
  ...['ours', 'core', 'xmlParser', 'sdk', 'uppy'].flatMap((s) => [`sizes.${s}.initial.gzip`, `sizes.${s}.total.gzip`]),
  'sizes.ours.pages.pages.0.gzip',
];
/** The own-core run of the large file (section 1b), required whenever it ran. */
const REQUIRED_OWN_CORE = ['raw', 'ours', 'sdkDefaults', 'sdkTuned'].flatMap((p) => [`largeOwnCore.${p}.ms`, `largeOwnCore.${p}.mbPerSecond`]);

const at = (object, path) => path.split('.').reduce((value, key) => value?.[key], object);

/** Every figure that is missing or not a positive number, as `path=value` strings. */
export function missingNumbers(result) {
  // The own-core run is skipped only where it cannot run (its reason is in the JSON); when it ran, it is complete.
  const required = result.largeOwnCore?.skipped ? REQUIRED : [...REQUIRED, ...REQUIRED_OWN_CORE];
  const missing = required.filter((path) => {
    const value = at(result, path);
    return typeof value !== 'number' || !Number.isFinite(value) || value <= 0;
  });
  // Heap growth may be ≤ 0 after a collection, but it must have been measured.
  for (const p of ['raw', 'ours', 'sdkDefaults', 'sdkTuned']) {
    if (!Number.isFinite(at(result, `large.${p}.peakHeapGrowthBytes`))) missing.push(`large.${p}.peakHeapGrowthBytes`);
  }
  const unmeasured = (result.targets ?? []).filter((t) => !Number.isFinite(t.value)).map((t) => `target ${t.id}`);
  if (result.targets?.length !== (result.largeOwnCore?.skipped ? 6 : 7)) unmeasured.push('targets');
  return [...missing.map((p) => `missing or invalid number: ${p}=${at(result, p)}`), ...unmeasured.map((t) => `not measured: ${t}`)];
}
