// Starts a COS emulator (on disk, in a temp dir, on a free loopback port) for the browser tests,
// and serves its coordinates to them as the module `/__cos-emulator.js`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function emulatorPlugin() {
  let emulator;
  let dataDir;
  return {
    name: 'cos-emulator',
    async serverStart() {
      const { createCosEmulator } = await import('../src/emulator/index.ts');
      dataDir = mkdtempSync(join(tmpdir(), 'cos-emu-wtr-'));
      emulator = createCosEmulator({ dataDir });
      await emulator.listen(0, '127.0.0.1');
    },
    serve(context) {
      if (context.path !== '/__cos-emulator.js') return undefined;
      const info = {
        url: emulator.url,
        bucket: emulator.bucket,
        region: emulator.region,
        endpoint: `${emulator.url}/{Bucket}`,
      };
      return { body: `export default ${JSON.stringify(info)};`, type: 'js' };
    },
    async serverStop() {
      await emulator?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
