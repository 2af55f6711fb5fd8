// The emulator reserved for the setup-doctor suites (scripts/wtr-emulator-plugin.mjs) and ways to misconfigure it.
import { getAuthorization } from '../../../src/core/auth/sign.js';

export interface DoctorEmulator {
  url: string;
  bucket: string;
  region: string;
  endpoint: string;
  secretId: string;
  secretKey: string;
}

export async function doctorEmulator(): Promise<DoctorEmulator> {
  return (await import('/__cos-emulator-doctor.js' as string)).default as DoctorEmulator;
}

/** PUT /?cors signed with the permanent keys, as the console or an SDK's putBucketCors would. */
export async function putCors(emu: DoctorEmulator, xml: string): Promise<void> {
  const host = new URL(emu.url).host;
  const authorization = await getAuthorization({
    SecretId: emu.secretId, SecretKey: emu.secretKey, Method: 'PUT', Pathname: '/', Query: { cors: '' }, Headers: { host },
  });
  const res = await fetch(`${emu.url}/${emu.bucket}/?cors`, { method: 'PUT', body: xml, headers: { Authorization: authorization } });
  if (res.status !== 200) throw new Error(`PUT ?cors: ${res.status} ${await res.text()}`);
}

export async function resetEmulator(emu: DoctorEmulator): Promise<void> {
  await fetch(`${emu.url}/-/cors`, { method: 'DELETE' });
  await fetch(`${emu.url}/-/ci`, { method: 'POST', body: JSON.stringify({ enabled: true }) });
}

export async function setCi(emu: DoctorEmulator, enabled: boolean): Promise<void> {
  await fetch(`${emu.url}/-/ci`, { method: 'POST', body: JSON.stringify({ enabled }) });
}

/** The recommended rule for this page's origin, with any part replaced. */
export function corsXml(parts: { origins?: string[]; expose?: string[] } = {}): string {
  const { origins = [location.origin], expose = ['ETag', 'Date', 'Content-Length', 'x-cos-request-id', 'x-cos-hash-crc64ecma'] } = parts;
  const tag = (name: string, values: string[]) => values.map((v) => `<${name}>${v}</${name}>`).join('');
  return `<CORSConfiguration><CORSRule>${tag('AllowedOrigin', origins)}${tag('AllowedMethod', ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'])}` +
    `<AllowedHeader>*</AllowedHeader>${tag('ExposeHeader', expose)}<MaxAgeSeconds>600</MaxAgeSeconds></CORSRule></CORSConfiguration>`;
}
