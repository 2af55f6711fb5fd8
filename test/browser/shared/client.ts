import { CosClient, createStsTokenProvider } from '../../../src/core/index.js';
import type { EmulatorInfo } from './emulator.js';

/** The real client, as a page would build it: temporary keys from the emulator's STS endpoint. */
export function clientFor(emu: EmulatorInfo): CosClient {
  return new CosClient({ bucket: emu.bucket, region: emu.region, endpoint: emu.endpoint, tokenProvider: createStsTokenProvider({ url: `${emu.url}/sts` }) });
}
