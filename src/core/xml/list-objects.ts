import type { XmlReader } from './nodes.js';

/** One object of a GET Bucket listing. */
export interface ListedObject {
  key: string;
  size: number;
  etag: string;
  lastModified?: string;
}

/** One page of GET Bucket (v1 paging: pass `nextMarker` as the next call's `marker`). */
export interface ListObjectsPage {
  objects: ListedObject[];
  /** Folders under the prefix when a delimiter was given. */
  commonPrefixes: string[];
  isTruncated: boolean;
  nextMarker?: string;
}

const decode = (value: string, encoded: boolean) => (encoded ? decodeURIComponent(value) : value);

/** `<ListBucketResult>`; keys are decoded when the answer says `EncodingType` url. */
export function mapListObjects(result: XmlReader): ListObjectsPage {
  const encoded = result.text('EncodingType') === 'url';
  const objects = result.children('Contents').map((c) => ({
    key: decode(c.requireText('Key'), encoded),
    size: c.number('Size') ?? 0,
    etag: c.text('ETag') ?? '',
    lastModified: c.text('LastModified') || undefined,
  }));
  const commonPrefixes = result.children('CommonPrefixes').map((p) => decode(p.text('Prefix') ?? '', encoded));
  const isTruncated = result.bool('IsTruncated');
  const nextMarker = result.text('NextMarker') ? decode(result.text('NextMarker')!, encoded) : objects.at(-1)?.key;
  return { objects, commonPrefixes, isTruncated, nextMarker: isTruncated ? nextMarker : undefined };
}
