// The emulator the browser test runner starts (scripts/wtr-emulator-plugin.mjs), as every browser suite reaches it.
// Imports nothing of src/, so a suite testing lazy loading (standalone.test.ts) can use it without loading the core.
export interface EmulatorInfo {
  url: string;
  bucket: string;
  region: string;
  /** Path-style endpoint template: `${url}/{Bucket}`. */
  endpoint: string;
}

export async function emulator(): Promise<EmulatorInfo> {
  return (await import('/__cos-emulator.js' as string)).default as EmulatorInfo;
}
