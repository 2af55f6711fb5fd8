import { abortReason } from './abort.js';
import { bodySize, networkError, sendableHeaders } from './transport-shared.js';
import { DEFAULT_MIN_SEND_BYTES_PER_SECOND, RequestDeadlines } from './deadlines.js';
import type { CosError } from './errors.js';
import type { HttpRequest, HttpResponse, SendOptions, Transport } from '../types.js';

export interface FetchTransportOptions {
  /** Default: the global fetch, looked up at send time. */
  fetch?: typeof fetch;
  /**
   * fetch cannot see its body go out, so a request with a body gets one deadline for sending and
   * waiting: the stall timeout, plus its size at this rate, plus the response timeout. Default 16 KiB/s.
   * docs/networks.md#fetchtransport-no-upload-progress
   */
  minSendBytesPerSecond?: number;
}

/**
 * Transport on the global fetch, for Node (tests, scripts, benchmarks) and browsers without
 * XMLHttpRequest (workers). fetch has no upload progress: progress is reported once, complete,
 * when the response arrives. Deadlines: a size-scaled bound until the answer starts, then the
 * stall timeout between chunks of the answer.
 */
export class FetchTransport implements Transport {
  readonly #fetch?: typeof fetch;
  readonly #minRate: number;

  constructor(options: FetchTransportOptions = {}) {
    this.#fetch = options.fetch;
    this.#minRate = options.minSendBytesPerSecond ?? DEFAULT_MIN_SEND_BYTES_PER_SECOND;
  }

  async send(request: HttpRequest, options: SendOptions = {}): Promise<HttpResponse> {
    const { signal, onUploadProgress } = options;
    if (signal?.aborted) throw abortReason(signal);
    const fetchImpl = this.#fetch ?? globalThis.fetch;
    // Our own controller so an expired deadline can cut the connection; the caller's signal feeds it.
    const controller = new AbortController();
    let expired: CosError | undefined;
    const deadlines = new RequestDeadlines(request, options, (err) => {
      expired = err;
      controller.abort(err);
    });
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    // Anything that ends this request early: the caller's abort, a deadline, or a broken connection.
    const failure = (cause: unknown) => {
      if (signal?.aborted) return abortReason(signal);
      return expired ?? networkError(request, cause);
    };
    const hasBody = request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD';
    try {
      let response: Response;
      try {
        const pending = fetchImpl(request.url, {
          method: request.method,
          headers: sendableHeaders(request.headers),
          body: request.body as BodyInit | undefined,
          signal: controller.signal,
        });
        if (hasBody) deadlines.startUnobserved(bodySize(request.body), this.#minRate);
        else deadlines.start(false);
        response = await pending;
      } catch (cause) {
        throw failure(cause);
      }
      deadlines.answered();
      try {
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          headers[name.toLowerCase()] = value;
        });
        const ok = response.status >= 200 && response.status < 300;
        const chunks = await readBody(response, () => deadlines.progress());
        let result: HttpResponse;
        if (request.responseType === 'blob') {
          const blob = new Blob(chunks as BlobPart[], { type: headers['content-type'] ?? '' });
          result = { status: response.status, headers, text: ok ? '' : await blob.text(), blob };
        } else {
          result = { status: response.status, headers, text: decodeText(chunks) };
        }
        if (onUploadProgress && request.body !== undefined) {
          const size = bodySize(request.body);
          onUploadProgress(size, size);
        }
        return result;
      } catch (cause) {
        // The connection broke (or went silent) while the answer was read.
        throw failure(cause);
      }
    } finally {
      deadlines.stop();
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

/** The answer's bytes, chunk by chunk, telling `onChunk` each time bytes arrive (the stall timer restarts). */
async function readBody(response: Response, onChunk: () => void): Promise<Uint8Array[]> {
  if (!response.body) return [];
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
    onChunk();
  }
}

function decodeText(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder();
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
}
