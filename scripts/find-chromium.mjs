// Locates a Chromium for tests: CHROME_PATH, then Debian's /usr/bin/chromium, then Playwright's own build.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export function findChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const path of candidates) if (path && existsSync(path)) return path;
  return playwrightChromium();
}

function playwrightChromium() {
  try {
    const path = createRequire(import.meta.url)('playwright').chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

export const installHint =
  'No Chromium found. Set CHROME_PATH, or install one: `apt-get install -y chromium` (Debian), ' +
  'or `npx playwright install chromium` where downloads are allowed.';

/** Flags for a headless Chromium on a machine whose network is closed. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];
