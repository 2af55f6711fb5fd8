import { parseArgs } from 'node:util';
import { createFetchNetwork, doctorExitCode, runDoctor } from '../../core/doctor/index.js';
import type { Finding } from '../../core/doctor/index.js';
import { nodeHash } from '../node-hash.js';

export const DOCTOR_USAGE = `Usage: cos-uploader doctor --bucket <BucketName-APPID> --region <region> --origin <page origin>
         (--token-url <url> | --sign-url <url>) [--endpoint <url template>] [--prefix <key prefix>]
         [--no-processing] [--json]

Checks a COS setup the way a browser on <origin> would see it: CORS preflights and exposed headers,
the token backend, the keys' scope (a probe object under <prefix>.cos-uploader-check/), multipart,
Cloud Infinite and the clock. Exit status 1 when any finding is an error, 2 for bad arguments.
  --endpoint       default https://{Bucket}.cos.{Region}.myqcloud.com ({Bucket} and {Region} substituted)
  --token-url      backend answering STS temporary keys (relative URLs resolve against --origin)
  --sign-url       backend signing each request
  --no-processing  the uploads use no Pic-Operations: a bucket without Cloud Infinite is only a warning
  --json           print {"findings": [...]}`;

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

const MARK: Record<Finding['severity'], string> = { error: 'ERROR  ', warning: 'WARNING', ok: 'ok     ' };

/** Human-readable report: problems first with their fix, then what passed. */
export function formatFindings(findings: Finding[]): string {
  const order = { error: 0, warning: 1, ok: 2 };
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  // CORS fixes repeat the whole rule; in a terminal it is printed once, under the first finding needing it.
  const shownUnder = new Map<string, string>();
  const lines = sorted.map((f) => {
    const head = `${MARK[f.severity]} ${f.code}: ${f.message}`;
    if (!f.fix) return head;
    const [first, ...rest] = f.fix.split('\n');
    const block = rest.join('\n');
    const earlier = block && shownUnder.get(block);
    if (!earlier && block) shownUnder.set(block, f.code);
    const fix = earlier ? `${first}\n(then the same change as under ${earlier} above)` : f.fix;
    return `${head}\n  fix: ${fix.replace(/\n/g, '\n       ')}`;
  });
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  lines.push('', errors || warnings ? `${errors} error(s), ${warnings} warning(s).` : 'No problems found.');
  return lines.join('\n');
}

function absolute(url: string | undefined, origin: string): string | undefined {
  return url ? new URL(url, origin).href : undefined;
}

/** `cos-uploader doctor …`: resolves to the exit status. */
export async function doctorCommand(argv: string[], io: CommandIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        bucket: { type: 'string' }, region: { type: 'string' }, endpoint: { type: 'string' },
        'token-url': { type: 'string' }, 'sign-url': { type: 'string' }, origin: { type: 'string' },
        prefix: { type: 'string', default: '' }, 'no-processing': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${DOCTOR_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(DOCTOR_USAGE);
    return 0;
  }
  const missing = ['bucket', 'region', 'origin'].filter((name) => !values[name as 'bucket']);
  if (!values['token-url'] && !values['sign-url']) missing.push('token-url or sign-url');
  if (missing.length) {
    io.err(`Missing --${missing.join(', --')}.\n\n${DOCTOR_USAGE}`);
    return 2;
  }
  let origin: string;
  try {
    origin = new URL(values.origin!).origin;
  } catch {
    io.err(`--origin "${values.origin}" is not a URL (e.g. https://app.example.com).`);
    return 2;
  }
  const findings = await runDoctor({
    bucket: values.bucket!,
    region: values.region!,
    endpoint: values.endpoint,
    tokenUrl: absolute(values['token-url'], origin),
    signUrl: values['token-url'] ? undefined : absolute(values['sign-url'], origin),
    prefix: values.prefix,
    origin,
    processing: !values['no-processing'],
    network: createFetchNetwork({ kind: 'node' }),
    hash: nodeHash,
  });
  io.out(values.json ? JSON.stringify({ findings }, null, 2) : formatFindings(findings));
  return doctorExitCode(findings);
}
