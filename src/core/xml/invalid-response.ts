import { CosError } from '../http/errors.js';

// What the client needs to report a body it did not expect, without reading XML: the XML reading itself (parse.ts,
// the error and response shapes) loads with the first answer that has some (docs/bundle-size.md#what-waits-for-its-first-use).

/** The parts of an HTTP response the XML layer reports in its errors. */
export interface ResponseContext {
  status: number;
  headers: Record<string, string>;
}

/** Text a person can recognise: tags stripped, whitespace collapsed, about 80 characters. */
export function describeBody(text: string): string {
  const plain = text.replace(/<[^>]*>?/g, ' ').replace(/\s+/g, ' ').trim();
  return plain.length > 80 ? `${plain.slice(0, 80)}…` : plain;
}

/**
 * The error for a body that is not the COS XML expected. A 5xx page that is not COS XML comes
 * from a proxy or gateway in front of COS, so it counts as a network failure (and is retried).
 */
export function invalidResponse(ctx: ResponseContext, problem: string, text = '', cause?: unknown): CosError {
  const seen = describeBody(text);
  return new CosError({
    code: 'InvalidResponse',
    message: `Unexpected response from COS (HTTP ${ctx.status}): ${problem}${seen ? `: "${seen}"` : ''}`,
    status: ctx.status,
    requestId: ctx.headers['x-cos-request-id'] || undefined,
    source: ctx.status >= 500 ? 'network' : 'cos',
    cause,
  });
}
