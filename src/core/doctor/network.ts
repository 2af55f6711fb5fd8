import { CosError } from '../http/errors.js';
import { urlForMessages } from '../http/transport-shared.js';
import type { HttpResponse } from '../types.js';
import type { DoctorNetwork, ProbeRequest } from './types.js';

export interface FetchNetworkOptions {
  kind: DoctorNetwork['kind'];
  fetch?: typeof fetch;
  /** Per request; default 15 s. */
  timeoutMs?: number;
}

/**
 * The doctor's network over fetch. In a browser fetch applies CORS itself; in Node (undici) nothing
 * is filtered and `Origin` / `Access-Control-Request-*` can be set, which is what the `node` kind needs.
 */
export function createFetchNetwork(options: FetchNetworkOptions): DoctorNetwork {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const fetchImpl = () => options.fetch ?? globalThis.fetch;
  return {
    kind: options.kind,
    async send(request: ProbeRequest): Promise<HttpResponse> {
      let response: Response;
      try {
        response = await fetchImpl()(request.url, {
          method: request.method,
          headers: request.headers,
          body: request.body as BodyInit | undefined,
          signal: AbortSignal.timeout(timeoutMs),
          credentials: 'omit',
          cache: 'no-store',
        });
      } catch (cause) {
        throw new CosError({
          code: 'NetworkError', status: 0, source: 'network', retryable: false, cause,
          message: `CORS blocked or network error: ${request.method} ${urlForMessages(request.url)} got no response`,
        });
      }
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      return { status: response.status, headers, text: request.method === 'HEAD' ? '' : await response.text().catch(() => '') };
    },
    async reachable(url: string): Promise<boolean> {
      try {
        await fetchImpl()(url, { method: 'GET', mode: options.kind === 'browser' ? 'no-cors' : 'cors', signal: AbortSignal.timeout(timeoutMs), credentials: 'omit' });
        return true;
      } catch {
        return false;
      }
    },
  };
}
