// The page's CPU profile (CDP Profiler) for the diagnostic probes: self time per function, our bundle's functions
// named by their source file and line through the standalone build's source maps.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// source-map-js comes with Vite (not a direct dependency): without it, minified names are printed.
const { SourceMapConsumer } = (await import('source-map-js').catch(() => ({}))) ?? {};

/** Starts sampling the page's main thread; `stop()` resolves with the profile. */
export async function startProfile(cdp, intervalUs = 200) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
  return { stop: async () => (await cdp.send('Profiler.stop')).profile };
}

/**
 * Self time per function, the biggest first: `[{ name, ms, share }]`. `bundles` maps a URL prefix of the page
 * ('/ours/') to the directory holding that build (its `.map` files resolve minified positions).
 */
export function topFunctions({ nodes, samples, timeDeltas }, bundles = {}, limit = 25) {
  const maps = new Map();
  const sourceOf = (url, line, column) => {
    const prefix = Object.keys(bundles).find((p) => url.includes(p));
    if (!prefix || line < 0 || !SourceMapConsumer) return undefined;
    const file = join(bundles[prefix], url.slice(url.indexOf(prefix) + prefix.length).replace(/[?#].*$/, ''));
    if (!maps.has(file)) {
      try {
        maps.set(file, new SourceMapConsumer(JSON.parse(readFileSync(`${file}.map`, 'utf8'))));
      } catch {
        maps.set(file, undefined);
      }
    }
    const position = maps.get(file)?.originalPositionFor({ line: line + 1, column });
    return position?.source ? `${position.source.replace(/^(\.\.\/)+/, '')}:${position.line}` : undefined;
  };
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const self = new Map();
  samples.forEach((id, i) => {
    const { functionName, url, lineNumber, columnNumber } = byId.get(id).callFrame;
    const name = `${functionName || '(anon)'} ${sourceOf(url, lineNumber, columnNumber) ?? `${url.split('/').pop()}:${lineNumber}`}`;
    self.set(name, (self.get(name) ?? 0) + (timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
}

export function printTopFunctions(profile, bundles, limit) {
  for (const { name, ms, share } of topFunctions(profile, bundles, limit)) {
    console.log(`  ${(100 * share).toFixed(1).padStart(5)} %  ${ms.toFixed(0).padStart(6)} ms  ${name}`);
  }
}
