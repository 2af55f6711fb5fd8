import type { TokenProvider } from '../../core/types.js';

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
  strictCancel?: boolean;
}

/** The element properties a manager is built from; changing one rebuilds it once its list is empty. */
export const SETTINGS = ['bucket', 'region', 'endpoint', 'ciEndpoint', 'tokenUrl', 'signUrl', 'tokenProvider', 'multipartThreshold', 'partSize', 'concurrency', 'strictCancel'] as const;

/** The settings read off an element. */
export function settingsOf(element: UploaderSettings): UploaderSettings {
  const { bucket, region, endpoint, ciEndpoint, tokenUrl, signUrl, tokenProvider, multipartThreshold, partSize, concurrency, strictCancel } = element;
  return { bucket, region, endpoint, ciEndpoint, tokenUrl, signUrl, tokenProvider, multipartThreshold, partSize, concurrency, strictCancel };
}
