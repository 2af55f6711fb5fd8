/**
 * The benchmark's COS emulator, in its own process (forked through tsx by scripts/bench.mjs) so its CPU time
 * can be read apart from the browser's. Sends `{ready: {...}}` once listening, then answers `{id, presign}`
 * messages with pre-signed URLs made with the permanent keys (docs/protocol.md#pre-signed-urls).
 */
import { createCosEmulator } from '../../src/emulator/index.js';
import { getAuthorization, appendAuthorizationToUrl } from '../../src/core/auth/sign.js';
import { encodeKeyPath } from '../../src/core/auth/canonical.js';
import { nodeHash } from '../../src/node/node-hash.js';

interface PresignRequest {
  id: number;
  presign: { method: 'GET' | 'PUT' | 'HEAD' | 'DELETE'; key: string; expires?: number };
}

const dataDir = process.argv[2];
if (!dataDir || !process.send) throw new Error('usage: fork(emulator-process.ts, [dataDir]) with an IPC channel');

// argv[3]: JSON of further emulator options (the WAN section passes latencyMs and bandwidth).
const emulator = createCosEmulator({ ...(JSON.parse(process.argv[3] ?? '{}') as object), dataDir });
await emulator.listen(0, '127.0.0.1');
const host = new URL(emulator.url).host;

async function presign({ method, key, expires = 3600 }: PresignRequest['presign']): Promise<string> {
  const authorization = await getAuthorization(
    { SecretId: emulator.secretId, SecretKey: emulator.secretKey, Method: method, Key: key, Headers: { Host: host }, Expires: expires },
    nodeHash,
  );
  return appendAuthorizationToUrl(`${emulator.url}/${emulator.bucket}${encodeKeyPath(key)}`, authorization);
}

process.on('message', (message: PresignRequest) => {
  presign(message.presign).then(
    (url) => process.send?.({ id: message.id, url }),
    (error: unknown) => process.send?.({ id: message.id, error: String(error) }),
  );
});
process.on('disconnect', () => {
  void emulator.close().finally(() => process.exit(0));
});
process.send({ ready: { url: emulator.url, bucket: emulator.bucket, region: emulator.region, pid: process.pid } });
