// Headless Chromium on the benchmark page, and measured calls into window.bench (memory sampled meanwhile).
/* global window -- only inside page.evaluate / waitForFunction callbacks, which run in the page */
import { chromium } from 'playwright';
import { findChromium, chromiumArgs, installHint } from '../../scripts/find-chromium.mjs';
import { startMonitor } from './monitor.mjs';

export async function openBenchPage(pageUrl, emulatorPid) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(installHint);
  const browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console error: ${message.text()}`);
  });
  /**
   * (Re)loads the page: scripts, chunks and the SDK are fetched again (the page server sends no-store). `search`
   * (e.g. `?uploader`) tells the harness what the page holds from the start.
   */
  async function load(search = '') {
    await page.goto(pageUrl + search);
    await page.waitForFunction(() => window.bench?.ready && window.benchWan?.ready, null, { timeout: 20_000 }).catch((error) => {
      throw new Error(`the benchmark page did not load: ${pageErrors.join('; ') || error.message}`);
    });
  }
  await load();
  const cdp = await context.newCDPSession(page);

  /** Calls window.bench[fn](arg); with `monitor`, samples memory and CPU over the call. */
  function call(fn, arg, options) {
    return callIn('bench', fn, arg, options);
  }

  /** Calls window[api][fn](arg) (the WAN section lives in window.benchWan). */
  async function callIn(api, fn, arg, { timeoutMs, monitor = false } = {}) {
    const sampler = monitor ? await startMonitor(cdp, emulatorPid) : undefined;
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${fn} did not finish within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      const result = await Promise.race([page.evaluate(({ api, fn, arg }) => window[api][fn](arg), { api, fn, arg }), timeout]);
      const memory = sampler ? await sampler.stop() : undefined;
      return memory ? { ...result, memory } : result;
    } catch (error) {
      await sampler?.stop().catch(() => {});
      const context = pageErrors.length ? ` (page: ${pageErrors.slice(-3).join('; ')})` : '';
      // The first line only: page-side stacks point into the harness, not at the cause.
      const message = error.message.replace(/^page\.evaluate: /, '').replace(/^Error: /, '').split('\n')[0];
      throw new Error(`${fn} failed: ${message}${context}`);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    version: browser.version(),
    call,
    callIn,
    reload: load,
    chooseFiles: (selector, paths) => page.setInputFiles(selector, paths),
    /** The page's JS heap after a forced garbage collection (what the page keeps, not what it churned). */
    async heapAfterGc() {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      return usedSize;
    },
    /** Runs `fn` in the page (diagnostic scripts read the wire probe with it). */
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    /** The page's DevTools session (diagnostics: CPU profiles). */
    cdp,
    screenshot: (path) => page.screenshot({ path, fullPage: true }),
    close: () => browser.close(),
  };
}
