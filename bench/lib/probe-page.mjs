// The setup the diagnostic probes share: our standalone build, an emulator, the bench page server and Chromium on
// the bench page. Each piece's stop goes to the front of `cleanups`, so the caller tears down in reverse order.
import { join } from 'node:path';
import { buildProject } from './sizes.mjs';
import { startEmulator } from './emulator.mjs';
import { startStaticServer } from './static-server.mjs';
import { openBenchPage } from './browser.mjs';

/** `latencyMs` (optional) is added to every answer of the emulator and of the page server. */
export async function openProbePage(root, work, cleanups, { latencyMs = 0 } = {}) {
  const oursDir = join(work, 'ours');
  await buildProject(root, 'standalone', oursDir);
  const emulator = await startEmulator(root, join(work, 'data'), latencyMs ? { latencyMs } : {});
  cleanups.unshift(() => emulator.stop());
  const server = await startStaticServer(
    { '/page/': join(root, 'bench/page'), '/ours/': oursDir, '/sdk/': join(root, 'node_modules/cos-js-sdk-v5/dist'), '/uppy/': join(work, 'none') },
    { emulator: { url: emulator.url, bucket: emulator.bucket, region: emulator.region } },
    { delayMs: latencyMs },
  );
  cleanups.unshift(() => server.close());
  const browser = await openBenchPage(`${server.url}/`, emulator.pid);
  cleanups.unshift(() => browser.close());
  return { emulator, browser };
}
