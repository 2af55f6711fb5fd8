import { property } from 'lit/decorators.js';
import type { TokenProvider } from '../../core/types.js';
import type { WasmChecksum } from '../../core/integrity/crc64-engine.js';
import { BucketConnection } from '../shared/bucket-connection.js';
import { FormAssociatedElement } from './form-association.js';
import { sizeConverter } from './uploader-view.js';

/** Where and how to upload, read from the element's attributes when the manager is built. */
export interface UploaderSettings {
  bucket?: string;
  region?: string;
  endpoint?: string;
  ciEndpoint?: string;
  tokenUrl?: string;
  signUrl?: string;
  tokenProvider?: TokenProvider;
  multipartThreshold?: number;
  partSize?: number;
  concurrency?: number;
  /** Seconds without upload progress before a request is retried on a new connection; 0 turns it off. */
  stallTimeout?: number;
  /** Seconds to wait for COS's answer once a body is fully sent. */
  responseTimeout?: number;
  strictCancel?: boolean;
  wasmChecksum?: WasmChecksum;
}

/** The element properties a manager is built from; changing one rebuilds it once its list is empty. */
export const SETTINGS = [
  'bucket', 'region', 'endpoint', 'ciEndpoint', 'tokenUrl', 'signUrl', 'tokenProvider', 'multipartThreshold', 'partSize', 'concurrency',
  'stallTimeout', 'responseTimeout', 'strictCancel', 'wasmChecksum',
] as const;

/** The settings read off an element. */
export function settingsOf(element: UploaderSettings): UploaderSettings {
  const { bucket, region, endpoint, ciEndpoint, tokenUrl, signUrl, tokenProvider, multipartThreshold, partSize, concurrency, stallTimeout, responseTimeout, strictCancel, wasmChecksum } = element;
  return { bucket, region, endpoint, ciEndpoint, tokenUrl, signUrl, tokenProvider, multipartThreshold, partSize, concurrency, stallTimeout, responseTimeout, strictCancel, wasmChecksum };
}

/** Where and how `<cos-uploader>` uploads: the bucket, the keys, the transfer settings (its base class). */
export class UploaderConnection extends BucketConnection(FormAssociatedElement) {
  /** Base URL template of the CI host for picture jobs (`{Bucket}`, `{Region}`); default `https://{Bucket}.ci.{Region}.myqcloud.com`. */
  @property({ attribute: 'ci-endpoint' }) ciEndpoint = '';
  /** Files above this size upload in parts (bytes or `8MB`). */
  @property({ attribute: 'multipart-threshold', converter: sizeConverter }) multipartThreshold?: number;
  /** Part size for multipart uploads (bytes or `8MB`; COS: 1 MiB–5 GiB, ≤ 10 000 parts). */
  @property({ attribute: 'part-size', converter: sizeConverter }) partSize?: number;
  /** Parallel requests across all files. */
  @property({ type: Number }) concurrency?: number;
  /**
   * Seconds without upload progress after which a request is abandoned and retried on a new connection
   * (default 30; 0 turns the watchdog off). A slow but moving upload is never cut.
   */
  @property({ attribute: 'stall-timeout', type: Number }) stallTimeout?: number;
  /**
   * Seconds to wait for COS's answer once a file or part is fully sent (default 180: image processing takes time).
   * Parts and files without processing wait less once the host's pace is known (docs/networks.md#learned-answer-deadline).
   */
  @property({ attribute: 'response-timeout', type: Number }) responseTimeout?: number;
  /**
   * A cancel that arrives after COS stored the file (while it was finishing) deletes the object and its
   * processed outputs. Without it such a row reads "Stored before the cancel took effect" with a Delete button.
   */
  @property({ attribute: 'strict-cancel', type: Boolean }) strictCancel = false;
  /**
   * Whether the CRC-64 check of large files (8 MiB and up) may run in WebAssembly, which takes about 1.7 times less CPU:
   * `auto` (default) where the page's CSP visibly allows compiling it (`'wasm-unsafe-eval'` in script-src, or no
   * script-src/default-src), `on` always, `off` never. Set `off` on a page whose CSP header leaves the page's own
   * origin out of connect-src: `auto` checks the policy with a HEAD request to the page's URL (docs/crc64-wasm.md).
   */
  @property({ attribute: 'wasm-checksum' }) wasmChecksum?: 'auto' | 'on' | 'off';
}
