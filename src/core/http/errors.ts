/** Where a failure came from: COS itself, the network, the token provider, or the caller's input. */
export type CosErrorSource = 'cos' | 'network' | 'provider' | 'client';

export interface CosErrorInit {
  code: string;
  message: string;
  status?: number;
  requestId?: string;
  resource?: string;
  /** Server time in ms from the `Date` header, for clock-skew correction. */
  serverTime?: number;
  source?: CosErrorSource;
  retryable?: boolean;
  cause?: unknown;
}

const RETRYABLE_CODES = new Set(['SlowDown', 'ServiceUnavailable', 'InternalError', 'RequestTimeout', 'NetworkError', 'Timeout']);

/** A typed COS failure: `code` is the COS error code (`NoSuchUpload`, `SlowDown`…) or our own for non-COS failures. */
export class CosError extends Error {
  readonly code: string;
  readonly status: number;
  readonly requestId?: string;
  readonly resource?: string;
  readonly serverTime?: number;
  readonly source: CosErrorSource;
  readonly retryable: boolean;

  constructor(init: CosErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'CosError';
    this.code = init.code;
    this.status = init.status ?? 0;
    this.requestId = init.requestId;
    this.resource = init.resource;
    this.serverTime = init.serverTime;
    this.source = init.source ?? 'cos';
    this.retryable = init.retryable ?? (this.status >= 500 || this.status === 0 || RETRYABLE_CODES.has(this.code));
  }

  /** Plain object for events and JSON. */
  toJSON() {
    return { code: this.code, message: this.message, status: this.status, requestId: this.requestId, source: this.source };
  }
}

export function isAbortError(err: unknown): boolean {
  return (err as { name?: string } | null)?.name === 'AbortError';
}
