import { property } from 'lit/decorators.js';
import type { TokenProvider } from '../../core/types.js';
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
}

/** The element properties a manager is built from; changing one rebuilds it once its list is empty. */
export const SETTINGS = [
  'bucket', 'region', 'endpoint', 'ciEndpoint', 'tokenUrl', 'signUrl', 'tokenProvider', 'multipartThreshold', 'partSize', 'concurrency',
  'stallTimeout', 'responseTimeout', 'strictCancel',
] as const;

/** The settings read off an element. */
export function settingsOf(element: UploaderSettings): UploaderSettings {
  const { bucket, region, endpoint, ciEndpoint, tokenUrl, signUrl, tokenProvider, multipartThreshold, partSize, concurrency, stallTimeout, responseTimeout, strictCancel } = element;
  return { bucket, region, endpoint, ciEndpoint, tokenUrl, signUrl, tokenProvider, multipartThreshold, partSize, concurrency, stallTimeout, responseTimeout, strictCancel };
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
  /** Seconds to wait for COS's answer once a file or part is fully sent (default 180: image processing takes time). */
  @property({ attribute: 'response-timeout', type: Number }) responseTimeout?: number;
  /**
   * A cancel that arrives after COS stored the file (while it was finishing) deletes the object and its
   * processed outputs. Without it such a row reads "Stored before the cancel took effect" with a Delete button.
   */
  @property({ attribute: 'strict-cancel', type: Boolean }) strictCancel = false;
}
