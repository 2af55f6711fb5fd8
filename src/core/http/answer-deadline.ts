import { deadlineIsOn } from './deadlines.js';

/**
 * The response deadline of a body COS stores without processing it (an UploadPart, a PutObject without
 * Pic-Operations), learned from how fast this host took recent bodies (docs/networks.md#learned-answer-deadline).
 *
 * A connection can die with the end of a body still in socket buffers: the browser reports the body sent, so the
 * stall timer never fires and only the response deadline (180 s by default, sized for image processing) notices.
 * Such a body needs no processing: COS answers once its last byte arrives. So its wait is bounded by what the host
 * has shown: the stall timeout plus three times the body's time at the slowest rate seen lately, never more than
 * the response timeout. Until a large enough body has been answered nothing is known and the full deadline applies.
 */
export class AnswerDeadlines {
  /** Bytes per millisecond of the last few bodies answered. */
  readonly #rates: number[] = [];

  /** A body of `bodyBytes` was answered (2xx) `elapsedMs` after it was handed to the transport. */
  record(bodyBytes: number, elapsedMs: number): void {
    if (bodyBytes < MIN_SAMPLE_BYTES || !(elapsedMs > 0)) return;
    this.#rates.push(bodyBytes / elapsedMs);
    if (this.#rates.length > SAMPLES) this.#rates.shift();
  }

  /** The response timeout for a quickly answered body of `bodyBytes`; `responseTimeoutMs` while nothing is known. */
  responseTimeoutFor(bodyBytes: number, deadlines: { stallTimeoutMs: number; responseTimeoutMs: number }): number {
    const { stallTimeoutMs: stall, responseTimeoutMs: response } = deadlines;
    if (this.#rates.length === 0 || !deadlineIsOn(stall) || !deadlineIsOn(response)) return response;
    const slowest = Math.min(...this.#rates);
    return Math.min(response, Math.ceil(stall + (MARGIN * bodyBytes) / slowest));
  }
}

/** Smaller bodies are timed mostly by latency and signing, not by the link. */
export const MIN_SAMPLE_BYTES = 256 * 1024;
/** How many recent bodies the slowest rate is taken from. */
const SAMPLES = 8;
/** How many times its expected transfer time a body is given, on top of the stall timeout. */
const MARGIN = 3;
