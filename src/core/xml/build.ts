import { CosError } from '../http/errors.js';

function invalidArgument(message: string): CosError {
  return new CosError({ code: 'InvalidArgument', message, source: 'client', retryable: false });
}

/** Escapes text for an XML element; quotes too, as COS itself writes `&quot;` in ETags. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

export interface CompletedPart {
  partNumber: number;
  etag: string;
}

/** COS part ETags are quoted (`"<md5>"`); a bare value gets its quotes back. */
function quoteEtag(etag: string): string {
  return etag.startsWith('"') && etag.endsWith('"') && etag.length >= 2 ? etag : `"${etag}"`;
}

/**
 * The CompleteMultipartUpload body exactly as cos-js-sdk-v5 sends it (docs/protocol.md#multipart-upload): no
 * declaration, no whitespace, quotes as `&quot;`. Parts are sorted (COS wants them ascending) and
 * checked, so a bad list fails here with a clear message instead of as InvalidPart from COS.
 */
export function buildCompleteMultipartUploadXml(parts: readonly CompletedPart[]): string {
  if (parts.length === 0) throw invalidArgument('CompleteMultipartUpload needs at least one part');
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  let body = '';
  let previous = 0;
  for (const { partNumber, etag } of sorted) {
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
      throw invalidArgument(`CompleteMultipartUpload: part number ${partNumber} is not an integer in 1..10000`);
    }
    if (partNumber === previous) throw invalidArgument(`CompleteMultipartUpload: part ${partNumber} is listed twice`);
    if (typeof etag !== 'string' || !etag.replace(/"/g, '')) {
      throw invalidArgument(`CompleteMultipartUpload: part ${partNumber} has no ETag`);
    }
    previous = partNumber;
    body += `<Part><PartNumber>${partNumber}</PartNumber><ETag>${escapeXml(quoteEtag(etag))}</ETag></Part>`;
  }
  return `<CompleteMultipartUpload>${body}</CompleteMultipartUpload>`;
}
