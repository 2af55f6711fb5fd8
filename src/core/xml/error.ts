import { CosError } from '../http/errors.js';
import { parseXml, invalidResponse, type ResponseContext } from './parse.js';
import { XmlReader } from './nodes.js';
import type { HttpResponse } from '../types.js';

/** Codes for error responses without a body (HEAD has none), by status. */
const CODES_BY_STATUS: Record<number, string> = {
  304: 'NotModified', 400: 'BadRequest', 401: 'Unauthorized', 403: 'AccessDenied', 404: 'NotFound',
  405: 'MethodNotAllowed', 409: 'Conflict', 411: 'MissingContentLength', 412: 'PreconditionFailed',
  416: 'InvalidRange', 429: 'SlowDown', 500: 'InternalError', 501: 'NotImplemented', 502: 'BadGateway',
  503: 'ServiceUnavailable', 504: 'GatewayTimeout',
};

/** Server clock in ms: the `Date` header, else `<ServerTime>` (unix seconds/ms or a date string). */
export function serverTimeOf(headers: Record<string, string>, serverTimeText?: string): number | undefined {
  const fromHeader = headers.date ? Date.parse(headers.date) : NaN;
  if (Number.isFinite(fromHeader)) return fromHeader;
  if (!serverTimeText) return undefined;
  if (/^\d{10}$/.test(serverTimeText)) return Number(serverTimeText) * 1000;
  if (/^\d{13}$/.test(serverTimeText)) return Number(serverTimeText);
  const parsed = Date.parse(serverTimeText);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** `<Error>` (docs/protocol.md#errors) → CosError; also used for an `<Error>` inside a 200 body. */
export function cosErrorFromXml(error: XmlReader, ctx: ResponseContext): CosError {
  const code = error.text('Code') || CODES_BY_STATUS[ctx.status] || 'UnknownError';
  return new CosError({
    code,
    message: error.text('Message') || `${code} (HTTP ${ctx.status})`,
    status: ctx.status,
    requestId: error.text('RequestId') || ctx.headers['x-cos-request-id'] || undefined,
    resource: error.text('Resource') || undefined,
    serverTime: serverTimeOf(ctx.headers, error.text('ServerTime')),
    source: 'cos',
  });
}

/** The CosError for a non-2xx response: COS error XML, an empty body, or something else entirely. */
export async function cosErrorFromResponse(response: HttpResponse): Promise<CosError> {
  const ctx: ResponseContext = { status: response.status, headers: response.headers };
  if (!response.text.trim()) {
    const code = CODES_BY_STATUS[response.status] ?? `Http${response.status}`;
    return new CosError({
      code,
      message: `COS answered HTTP ${response.status} without an error body`,
      status: response.status,
      requestId: response.headers['x-cos-request-id'] || undefined,
      serverTime: serverTimeOf(response.headers),
      source: 'cos',
    });
  }
  try {
    const doc = await parseXml(response.text, ctx);
    // The CI host (picture jobs) writes its errors as <Response><Code>…</Code><Message>…</Message></Response>.
    const ciError = doc.root === 'Response' && typeof doc.element.Code === 'string';
    if (doc.root !== 'Error' && !ciError) return invalidResponse(ctx, `<${doc.root}> where <Error> was expected`, response.text);
    return cosErrorFromXml(new XmlReader(doc.element, doc.root, ctx), ctx);
  } catch (err) {
    if (err instanceof CosError) return err;
    throw err;
  }
}
