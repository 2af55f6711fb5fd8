import { CosError } from './errors.js';
import type { HttpRequest } from '../types.js';

/**
 * Headers a page may not set (Fetch spec "forbidden request-header"): XMLHttpRequest throws or
 * ignores them, and the browser fills Host / Content-Length itself. Both transports drop them so
 * Node and browsers send the same thing.
 */
const FORBIDDEN_HEADERS = new Set([
  'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method',
  'connection', 'content-length', 'cookie', 'cookie2', 'date', 'dnt', 'expect', 'host', 'keep-alive',
  'origin', 'referer', 'set-cookie', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'user-agent', 'via',
]);

export function isForbiddenHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return FORBIDDEN_HEADERS.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-');
}

/** The headers a transport actually sets. */
export function sendableHeaders(headers: Record<string, string>): [string, string][] {
  return Object.entries(headers).filter(([name]) => !isForbiddenHeader(name));
}

/** The URL without its query: pre-signed URLs carry signatures that must not end up in logs. */
export function urlForMessages(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

export function networkError(request: Pick<HttpRequest, 'method' | 'url'>, cause?: unknown): CosError {
  const detail = cause instanceof Error && cause.message ? ` (${cause.message})` : '';
  return new CosError({
    code: 'NetworkError',
    message: `CORS blocked or network error: ${request.method} ${urlForMessages(request.url)} got no response${detail}`,
    status: 0,
    source: 'network',
    retryable: true,
    cause,
  });
}

/** `getAllResponseHeaders()` text → lower-cased names. */
export function parseRawHeaders(raw: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of raw.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

/** Bytes the body will occupy on the wire (strings are sent as UTF-8). */
export function bodySize(body: HttpRequest['body']): number {
  if (body === undefined) return 0;
  if (typeof body === 'string') return new TextEncoder().encode(body).byteLength;
  if (body instanceof ArrayBuffer) return body.byteLength;
  if (body instanceof Uint8Array) return body.byteLength;
  if (body instanceof Blob) return body.size;
  // A form's encoded size, near enough for deadlines and the quiet-body check: its values plus boundary lines and part headers.
  let size = 0;
  for (const [name, value] of body) size += name.length + (typeof value === 'string' ? value.length : value.size + value.name.length + 60) + 90;
  return size;
}
