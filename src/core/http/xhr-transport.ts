import { CosError } from './errors.js';
import { abortReason } from './abort.js';
import { bodySize, networkError, parseRawHeaders, sendableHeaders, urlForMessages } from './transport-shared.js';
import { RequestDeadlines } from './deadlines.js';
import type { HttpRequest, HttpResponse, SendOptions, Transport } from '../types.js';

/**
 * Bodies up to this size are sent without upload listeners: the browser hands such a body to the socket in one go,
 * so its progress would say nothing and stall detection could not see it (the response deadline covers it). Without
 * listeners a small file costs the page no upload events, and a POST Object form stays a CORS simple request
 * (docs/many-files-throughput.md#small-bodies-send-quietly).
 */
export const QUIET_BODY_BYTES = 128 * 1024;

/**
 * Browser transport on XMLHttpRequest, the one browser API with upload progress events.
 * The only core file allowed to touch XMLHttpRequest (CONTRIBUTING.md#import-rules), and only inside send().
 */
export class XhrTransport implements Transport {
  send(request: HttpRequest, options: SendOptions = {}): Promise<HttpResponse> {
    const { signal, onUploadProgress } = options;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<HttpResponse>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        deadlines.stop();
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      // A stalled or unanswered request is aborted; its socket goes with it, so the retry gets a new connection.
      const deadlines = new RequestDeadlines(request, options, (err) => {
        finish(() => reject(err));
        xhr.abort();
      });
      const onAbort = () => {
        finish(() => reject(abortReason(signal as AbortSignal)));
        xhr.abort();
      };

      xhr.open(request.method, request.url, true);
      xhr.responseType = request.responseType === 'blob' ? 'blob' : 'text';
      for (const [name, value] of sendableHeaders(request.headers)) {
        try {
          xhr.setRequestHeader(name, value);
        } catch (cause) {
          // setRequestHeader throws on non-Latin-1 values or bad names; the client checks first, this is the backstop.
          reject(new CosError({
            code: 'InvalidHeader',
            message: `Header "${name}" cannot be sent by a browser (only Latin-1 text without line breaks is allowed)`,
            source: 'client',
            retryable: false,
            cause,
          }));
          return;
        }
      }
      const hasBody = request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD';
      const size = hasBody ? bodySize(request.body) : 0;
      const quiet = hasBody && size <= QUIET_BODY_BYTES;
      if (hasBody && !quiet) {
        xhr.upload.onprogress = (e) => {
          deadlines.progress(e.loaded, e.lengthComputable ? e.total : 0);
          onUploadProgress?.(e.loaded, e.lengthComputable ? e.total : e.loaded);
        };
        // The whole body is out: from now on only the response deadline applies.
        xhr.upload.onload = () => deadlines.bodySent();
      }
      xhr.onreadystatechange = () => {
        if (xhr.readyState >= XMLHttpRequest.HEADERS_RECEIVED) deadlines.answered();
      };
      xhr.onprogress = () => deadlines.progress();
      xhr.onload = () => {
        // A quiet body reports its progress once, complete, with the answer (as FetchTransport does).
        if (quiet) onUploadProgress?.(size, size);
        readResponse(xhr).then(
          (response) => finish(() => resolve(response)),
          (cause: unknown) => finish(() => reject(networkError(request, cause))),
        );
      };
      // A CORS refusal and a dropped connection look the same to a page: status 0, no headers.
      xhr.onerror = () => finish(() => reject(networkError(request)));
      xhr.ontimeout = () => finish(() => reject(networkError(request, new Error('timed out'))));
      xhr.onabort = () => finish(() => reject(signal?.aborted ? abortReason(signal) : networkError(request, new Error('aborted by the browser'))));
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        xhr.send((request.body ?? null) as XMLHttpRequestBodyInit | null);
        deadlines.start(hasBody && !quiet);
      } catch (cause) {
        finish(() => reject(new CosError({
          code: 'NetworkError',
          message: `Could not send ${request.method} ${urlForMessages(request.url)}`,
          status: 0,
          source: 'network',
          retryable: false,
          cause,
        })));
      }
    });
  }
}

async function readResponse(xhr: XMLHttpRequest): Promise<HttpResponse> {
  const headers = parseRawHeaders(xhr.getAllResponseHeaders());
  if (xhr.responseType !== 'blob') return { status: xhr.status, headers, text: xhr.responseText ?? '' };
  const blob = (xhr.response as Blob | null) ?? new Blob([]);
  // Error bodies are XML even when bytes were asked for: keep their text for the error mapper.
  const ok = xhr.status >= 200 && xhr.status < 300;
  return { status: xhr.status, headers, text: ok ? '' : await blob.text(), blob };
}
