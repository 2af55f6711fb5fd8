import { fetchProviderText, describeValue, isRecord, providerError, type ProviderEndpoint } from './credentials-fetch.js';
import { describeBody } from '../xml/invalid-response.js';
import type { Authorization, TokenProvider } from '../types.js';

export interface SignerTokenProviderOptions extends ProviderEndpoint {
  /** Names the provider in error messages; default `signer <url>`. */
  name?: string;
}

const REQUIRED_PARTS = ['q-sign-algorithm=', 'q-ak=', 'q-sign-time=', 'q-key-time=', 'q-url-param-list=', 'q-signature='];

/** The SDK's format check (docs/protocol.md#credentials), plus q-signature and a header-safe charset. */
export function checkAuthorizationFormat(value: string, provider: string): string {
  const missing = REQUIRED_PARTS.filter((part) => !value.includes(part));
  if (missing.length > 0 || /\s/.test(value) || /[^\x21-\x7e]/.test(value)) {
    const why = missing.length > 0 ? `lacks ${missing.join(', ')}` : 'contains spaces or non-ASCII characters';
    throw providerError(provider, `answered an Authorization that is not a COS signature (${why}): "${describeBody(value)}"`);
  }
  return value;
}

function checkPresignedUrl(value: string, provider: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw providerError(provider, `answered a url that is not absolute: "${describeBody(value)}"`);
  }
  if (!/^https?:$/.test(url.protocol) || !url.search.includes('q-signature=')) {
    throw providerError(provider, `answered a url that is not a pre-signed COS URL: "${describeBody(value)}"`);
  }
  return value;
}

/** Reads the signer's answer: `{authorization, securityToken?}`, `{Authorization, SecurityToken}`, a bare string, or `{url}`. */
export function parseSignerAnswer(text: string, provider: string): Authorization {
  const body = text.trim();
  let value: unknown = body;
  if (!body.startsWith('q-sign-algorithm=')) {
    try {
      value = JSON.parse(body);
    } catch {
      throw providerError(provider, `did not answer JSON or an Authorization string: "${describeBody(body)}"`);
    }
  }
  if (typeof value === 'string') return { authorization: checkAuthorizationFormat(value, provider) };
  if (!isRecord(value)) throw providerError(provider, `answered ${describeValue(value)} instead of {authorization}`);
  if (value.url !== undefined) {
    if (typeof value.url !== 'string') throw providerError(provider, `answered url as ${describeValue(value.url)}`);
    return { url: checkPresignedUrl(value.url, provider) };
  }
  const authorization = value.authorization ?? value.Authorization;
  if (typeof authorization !== 'string') {
    throw providerError(provider, `answered JSON without a string "authorization" (got ${describeValue(authorization)})`);
  }
  const token = value.securityToken ?? value.SecurityToken ?? value.XCosSecurityToken;
  if (token !== undefined && token !== null && (typeof token !== 'string' || /[^\x20-\x7e]/.test(token))) {
    throw providerError(provider, `answered securityToken as ${describeValue(token)}, not an ASCII string`);
  }
  const checked = checkAuthorizationFormat(authorization, provider);
  return typeof token === 'string' && token ? { authorization: checked, securityToken: token } : { authorization: checked };
}

/**
 * A backend that signs each request it is shown (the SDK's "server-computed signature" mode):
 * POSTs `{method, pathname, key, query, headers, bucket, region, expires?}` as JSON and uses the
 * answer as is. Nothing is cached: every request is signed by the server.
 */
export function createSignerTokenProvider(options: SignerTokenProviderOptions): TokenProvider {
  const name = options.name ?? `signer ${options.url}`;
  return {
    name,
    async authorize(request, opts = {}) {
      const { method, pathname, key, query, headers, bucket, region, expires } = request;
      const requestHeaders = new Headers(options.init?.headers);
      if (!requestHeaders.has('content-type')) requestHeaders.set('content-type', 'application/json');
      const text = await fetchProviderText(name, options, opts.signal, {
        method: 'POST',
        headers: requestHeaders,
        body: JSON.stringify({ method, pathname, key, query, headers, bucket, region, expires }),
      });
      return parseSignerAnswer(text, name);
    },
  };
}
