import { abortReason } from './abort.js';
import { bodySize, networkError, sendableHeaders } from './transport-shared.js';
import type { HttpRequest, HttpResponse, SendOptions, Transport } from '../types.js';

export interface FetchTransportOptions {
  /** Default: the global fetch, looked up at send time. */
  fetch?: typeof fetch;
}

/**
 * Transport on the global fetch, for Node (tests, scripts, benchmarks) and browsers without
 * XMLHttpRequest (workers). fetch has no upload progress: progress is reported once, complete,
 * when the response arrives.
 */
export class FetchTransport implements Transport {
  readonly #fetch?: typeof fetch;

  constructor(options: FetchTransportOptions = {}) {
    this.#fetch = options.fetch;
  }

  async send(request: HttpRequest, options: SendOptions = {}): Promise<HttpResponse> {
    const { signal, onUploadProgress } = options;
    if (signal?.aborted) throw abortReason(signal);
    const fetchImpl = this.#fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await fetchImpl(request.url, {
        method: request.method,
        headers: sendableHeaders(request.headers),
        body: request.body as BodyInit | undefined,
        signal,
      });
    } catch (cause) {
      if (signal?.aborted) throw abortReason(signal);
      throw networkError(request, cause);
    }
    try {
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      const ok = response.status >= 200 && response.status < 300;
      let result: HttpResponse;
      if (request.responseType === 'blob') {
        const blob = await response.blob();
        result = { status: response.status, headers, text: ok ? '' : await blob.text(), blob };
      } else {
        result = { status: response.status, headers, text: await response.text() };
      }
      if (onUploadProgress && request.body !== undefined) {
        const size = bodySize(request.body);
        onUploadProgress(size, size);
      }
      return result;
    } catch (cause) {
      // The connection broke while the body was read.
      if (signal?.aborted) throw abortReason(signal);
      throw networkError(request, cause);
    }
  }
}
