// Starts a COS emulator (on disk, in a temp dir, on a free loopback port) for the browser tests,
// and serves its coordinates to them as the module `/__cos-emulator.js`. A second one, which the
// setup-doctor suites misconfigure (CORS rules, Cloud Infinite) without disturbing the others,
// is served as `/__cos-emulator-doctor.js`, with its permanent keys so the suite can sign PUT ?cors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function emulatorPlugin() {
  const running = [];
  const info = (emulator, withKeys) => ({
    url: emulator.url,
    bucket: emulator.bucket,
    region: emulator.region,
    endpoint: `${emulator.url}/{Bucket}`,
    ...(withKeys ? { secretId: emulator.secretId, secretKey: emulator.secretKey } : {}),
  });
  return {
    name: 'cos-emulator',
    async serverStart() {
      const { createCosEmulator } = await import('../src/emulator/index.ts');
      for (let i = 0; i < 2; i += 1) {
        const dataDir = mkdtempSync(join(tmpdir(), 'cos-emu-wtr-'));
        const emulator = createCosEmulator({ dataDir });
        await emulator.listen(0, '127.0.0.1');
        running.push({ emulator, dataDir });
      }
    },
    serve(context) {
      const modules = { '/__cos-emulator.js': 0, '/__cos-emulator-doctor.js': 1 };
      const index = modules[context.path];
      if (index === undefined) return undefined;
      return { body: `export default ${JSON.stringify(info(running[index].emulator, index === 1))};`, type: 'js' };
    },
    async serverStop() {
      for (const { emulator, dataDir } of running.splice(0)) {
        await emulator.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
