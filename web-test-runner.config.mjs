import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { defaultReporter } from '@web/test-runner';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { fileURLToPath } from 'node:url';
import { findChromium, chromiumArgs } from './scripts/find-chromium.mjs';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';
import { emulatorPlugin } from './scripts/wtr-emulator-plugin.mjs';
import { prebundlePlugin } from './scripts/wtr-prebundle-plugin.mjs';

const commonjs = fromRollup(rollupCommonjs);

export default {
  files: 'test/browser/**/*.test.ts',
  // browser: true applies package.json "browser" maps (@aws-crypto/sha1-browser -> @smithy/util-utf8).
  nodeResolve: { browser: true },
  reporters: [defaultReporter(), summaryReporter()],
  staticLogging: !process.stdout.isTTY,
  concurrency: 2,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 600000,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  plugins: [
    emulatorPlugin(),
    // fast-xml-parser 4 is CommonJS: served as one pre-bundled ES module, as Vite does for the demo.
    prebundlePlugin(['fast-xml-parser']),
    // cos-js-sdk-v5 ships only a UMD bundle; strictRequires:false makes the plugin emit a default export.
    commonjs({ include: ['**/node_modules/cos-js-sdk-v5/**'], strictRequires: false }),
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      // Without the tsconfig esbuild ignores experimentalDecorators / useDefineForClassFields.
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      // A fake camera (a generated test pattern) granted without a prompt, for the camera tests.
      launchOptions: { executablePath: findChromium(), headless: true, args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] },
    }),
  ],
};
