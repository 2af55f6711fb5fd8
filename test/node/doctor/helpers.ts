// Runs the doctor from Node (the CLI's way) against an emulator on a free port.
import { createServer, type Server } from 'node:http';
import { createFetchNetwork, runDoctor } from '../../../src/core/doctor/index.js';
import type { DoctorOptions, Finding } from '../../../src/core/doctor/index.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import { cos, type TestEmulator } from '../emulator/helpers.js';

export const PAGE = 'https://app.example.com';
export const PREFIX = 'uploads/';

export function doctorFor(t: TestEmulator, overrides: Partial<DoctorOptions> = {}): Promise<Finding[]> {
  return runDoctor({
    bucket: t.emu.bucket,
    region: t.emu.region,
    endpoint: `${t.url}/{Bucket}`,
    tokenUrl: `${t.url}/sts?prefix=${PREFIX}`,
    prefix: PREFIX,
    origin: PAGE,
    network: createFetchNetwork({ kind: 'node', timeoutMs: 5000 }),
    hash: nodeHash,
    ...overrides,
  });
}

export const codes = (findings: Finding[], severity: Finding['severity']) => findings.filter((f) => f.severity === severity).map((f) => f.code).sort();
export const find = (findings: Finding[], code: string, severity?: Finding['severity']) =>
  findings.find((f) => f.code === code && (!severity || f.severity === severity));

export interface RuleParts {
  origins?: string[];
  methods?: string[];
  headers?: string[];
  expose?: string[];
  maxAge?: number | null;
}

/** The recommended rule for PAGE, with any part replaced. */
export function corsXml(parts: RuleParts = {}): string {
  const {
    origins = [PAGE], methods = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'], headers = ['*'],
    expose = ['ETag', 'Date', 'Content-Length', 'x-cos-request-id', 'x-cos-hash-crc64ecma'], maxAge = 600,
  } = parts;
  const tag = (name: string, values: string[]) => values.map((v) => `<${name}>${v}</${name}>`).join('');
  return `<CORSConfiguration><CORSRule>${tag('AllowedOrigin', origins)}${tag('AllowedMethod', methods)}${tag('AllowedHeader', headers)}` +
    `${tag('ExposeHeader', expose)}${maxAge === null ? '' : `<MaxAgeSeconds>${maxAge}</MaxAgeSeconds>`}</CORSRule></CORSConfiguration>`;
}

/** Sets the bucket's CORS rules through the real API (PUT /?cors, signed with the permanent keys). */
export async function putCors(t: TestEmulator, xml: string): Promise<void> {
  const res = await cos(t, { method: 'PUT', query: { cors: '' }, body: xml, headers: { 'Content-Type': 'application/xml' } });
  if (res.status !== 200) throw new Error(`PUT ?cors answered ${res.status}: ${res.text}`);
}

/** A tiny token backend answering whatever the test says, on a free loopback port. */
export async function tokenServer(answer: () => { status: number; body: string }): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    const { status, body } = answer();
    res.writeHead(status, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/token`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
