import { parseArgs } from 'node:util';
import { OPEN_SERVICES_WARNING } from './open-services.js';
import { createCosEmulator, DEV_SECRET_ID, DEV_SECRET_KEY } from './server.js';

const usage = `Usage: npm run emulator -- [--port 9100] [--host 127.0.0.1] [--data .cos-data]
       [--bucket examplebucket-1250000000] [--region ap-guangzhou] [--allow-origin <origin>]... [--sign-prefix <prefix>] [--no-ci]
       [--latency <ms>] [--bandwidth <bytes/s>]
  --latency    milliseconds added before every answer, CORS preflights included (a WAN round trip)
  --bandwidth  bytes per second shared by all request bodies, e.g. 12500000 for 100 Mbit/s
Credentials come from COS_SECRET_ID / COS_SECRET_KEY (development defaults when unset).`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      port: { type: 'string', default: '9100' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: '.cos-data' },
      bucket: { type: 'string' },
      region: { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'sign-prefix': { type: 'string' },
      latency: { type: 'string' },
      bandwidth: { type: 'string' },
      'no-ci': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (err) {
  fail((err as Error).message);
}
const { values } = parsed;
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0-65535, got ${values.port}`);

/** A number flag: undefined when absent, else must pass `ok`. */
function numberFlag(name: string, raw: string | undefined, ok: (n: number) => boolean, what: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !ok(n)) fail(`--${name} must be ${what}, got ${raw}`);
  return n;
}
const latencyMs = numberFlag('latency', values.latency, (n) => Number.isFinite(n) && n >= 0, 'milliseconds ≥ 0');
const bandwidth = numberFlag('bandwidth', values.bandwidth, (n) => Number.isFinite(n) && n > 0, 'bytes per second > 0');

let emulator;
try {
  emulator = createCosEmulator({
    dataDir: values.data,
    bucket: values.bucket,
    region: values.region,
    allowedOrigins: values['allow-origin'],
    signPrefix: values['sign-prefix'],
    latencyMs,
    bandwidth,
    ciEnabled: !values['no-ci'],
  });
} catch (err) {
  fail((err as Error).message);
}
const url = await emulator.listen(port, values.host).catch((err: Error) => fail(`Cannot listen on ${values.host}:${port}: ${err.message}`));
const devKeys = emulator.secretId === DEV_SECRET_ID && emulator.secretKey === DEV_SECRET_KEY;
console.log(`COS emulator ready
  url:        ${url}
  endpoint:   ${url}/{Bucket}   (path style; virtual host: <bucket>.cos.<region>.localhost:${url.split(':').pop()})
  bucket:     ${emulator.bucket}
  region:     ${emulator.region}
  data:       ${emulator.dataDir}
  SecretId:   ${emulator.secretId}
  SecretKey:  ${emulator.secretKey}${devKeys ? '   (development defaults; set COS_SECRET_ID / COS_SECRET_KEY)' : ''}
  network:    ${latencyMs ? `+${latencyMs} ms per answer` : 'no added latency'}, ${bandwidth ? `${bandwidth} B/s shared by request bodies` : 'unlimited bandwidth'}
  STS:        ${url}/sts?prefix=<p>&actions=<a,b>&duration=<s>
  sign:       ${url}/sign
  admin:      ${url}/-/faults  /-/clock  /-/ci  /-/cors  /-/log  /-/restart`);
console.warn(OPEN_SERVICES_WARNING);

const stop = () => {
  void emulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
