import type { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { TokenProvider } from '../../core/types.js';

// TypeScript requires a mixin's constructor type to take `any[]`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T> = new (...args: any[]) => T;

/** What the mixin adds; declaration files name this instead of the anonymous class (which has Lit's private members). */
export declare class BucketConnectionAttributes {
  bucket: string;
  region: string;
  endpoint: string;
  tokenUrl: string;
  signUrl: string;
  tokenProvider?: TokenProvider;
}

/**
 * The attributes naming a bucket and where the element's keys come from, the same on `<cos-uploader>`,
 * `<cos-library>` and `<cos-doctor>` (docs/security.md: which backend mode hands out what).
 */
export function BucketConnection<T extends Constructor<LitElement>>(Base: T): T & Constructor<BucketConnectionAttributes> {
  class Connected extends Base {
    /** Bucket as `BucketName-APPID`. */
    @property() bucket = '';
    /** Region, e.g. `ap-guangzhou`. */
    @property() region = '';
    /** Base URL template (`{Bucket}`, `{Region}`): a custom domain or the emulator (`http://127.0.0.1:9100/{Bucket}`). */
    @property() endpoint = '';
    /** Backend URL handing out temporary keys (STS). */
    @property({ attribute: 'token-url' }) tokenUrl = '';
    /** Backend URL that signs each request (used when no token-url is set). */
    @property({ attribute: 'sign-url' }) signUrl = '';
    /** Credentials for programmatic use; wins over token-url and sign-url. */
    @property({ attribute: false }) tokenProvider?: TokenProvider;
  }
  return Connected;
}
