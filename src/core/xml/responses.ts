import { parseXml, invalidResponse, type ResponseContext } from './parse.js';
import { XmlReader } from './nodes.js';
import { cosErrorFromXml } from './error.js';
import type {
  CompleteMultipartUploadResult, HttpResponse, ImageInfo, InitiateMultipartUploadResult, ListedPart,
  ListPartsResult, ProcessedObject, UploadResult,
} from '../types.js';

/** One in-progress multipart upload from ListMultipartUploads (docs/protocol.md#multipart-upload). */
export interface MultipartUploadSummary {
  key: string;
  uploadId: string;
  initiated?: string;
  storageClass?: string;
}

export interface ListMultipartUploadsResult {
  bucket: string;
  prefix: string;
  uploads: MultipartUploadSummary[];
  isTruncated: boolean;
  nextKeyMarker?: string;
  nextUploadIdMarker?: string;
}

/**
 * Parses a 2xx XML body whose root must be `root`. An `<Error>` root is thrown as the CosError it
 * describes (COS can answer Complete with 200 and an error, docs/protocol.md#multipart-upload); any other root is InvalidResponse.
 */
export async function readXmlResponse<T>(
  response: HttpResponse,
  root: string,
  map: (reader: XmlReader) => T,
): Promise<T> {
  const ctx: ResponseContext = { status: response.status, headers: response.headers };
  const doc = await parseXml(response.text, ctx);
  if (doc.root === 'Error') throw cosErrorFromXml(new XmlReader(doc.element, 'Error', ctx), ctx);
  if (doc.root !== root) throw invalidResponse(ctx, `<${doc.root}> where <${root}> was expected`, response.text);
  return map(new XmlReader(doc.element, root, ctx));
}

/** Fields COS sends only for some images or features: a key only when the answer had the element. */
function present<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export function mapImageInfo(info: XmlReader): ImageInfo {
  return {
    format: info.text('Format') ?? '',
    width: info.number('Width') ?? 0,
    height: info.number('Height') ?? 0,
    quality: info.number('Quality'),
    ave: info.text('Ave') || undefined,
    orientation: info.number('Orientation'),
    frameCount: info.number('FrameCount'),
    ...present({
      md5: info.text('Md5') || undefined,
      bitDepth: info.number('BitDepth'),
      verticalDpi: info.number('VerticalDpi'),
      horizontalDpi: info.number('HorizontalDpi'),
    }),
  };
}

function mapProcessedObject(object: XmlReader): ProcessedObject {
  return {
    key: object.requireText('Key'),
    location: object.text('Location') ?? '',
    format: object.text('Format') ?? '',
    width: object.number('Width') ?? 0,
    height: object.number('Height') ?? 0,
    size: object.number('Size') ?? 0,
    quality: object.number('Quality'),
    etag: object.text('ETag') ?? '',
    frameCount: object.number('FrameCount'),
    ...present({ md5: object.text('Md5') || undefined, bitDepth: object.number('BitDepth') }),
  };
}

function mapProcessResults(parent: XmlReader): ProcessedObject[] {
  return (parent.child('ProcessResults')?.children('Object') ?? []).map(mapProcessedObject);
}

/** `<UploadResult>` of PUT + Pic-Operations and of POST ?image_process (docs/protocol.md#result-xml). */
export function mapUploadResult(result: XmlReader): UploadResult {
  const original = result.child('OriginalInfo');
  if (!original) throw result.fail('<UploadResult> has no <OriginalInfo>');
  const imageInfo = original.child('ImageInfo');
  return {
    originalInfo: {
      key: original.requireText('Key'),
      location: original.text('Location') ?? '',
      etag: original.text('ETag') ?? '',
      imageInfo: imageInfo ? mapImageInfo(imageInfo) : undefined,
    },
    processResults: mapProcessResults(result),
  };
}

export function mapInitiateMultipartUpload(result: XmlReader): InitiateMultipartUploadResult {
  return { bucket: result.text('Bucket') ?? '', key: result.text('Key') ?? '', uploadId: result.requireText('UploadId') };
}

function mapPart(part: XmlReader): ListedPart {
  return {
    partNumber: part.requireInt('PartNumber'),
    etag: part.requireText('ETag'),
    size: part.requireInt('Size'),
    lastModified: part.text('LastModified') || undefined,
  };
}

export function mapListParts(result: XmlReader): ListPartsResult {
  const isTruncated = result.bool('IsTruncated');
  const next = result.int('NextPartNumberMarker');
  if (isTruncated && next === undefined) throw result.fail('<ListPartsResult> is truncated but has no <NextPartNumberMarker>');
  return {
    bucket: result.text('Bucket') ?? '',
    key: result.text('Key') ?? '',
    uploadId: result.text('UploadId') ?? '',
    parts: result.children('Part').map(mapPart),
    isTruncated,
    nextPartNumberMarker: next,
  };
}

export function mapListMultipartUploads(result: XmlReader): ListMultipartUploadsResult {
  return {
    bucket: result.text('Bucket') ?? '',
    prefix: result.text('Prefix') ?? '',
    uploads: result.children('Upload').map((upload) => ({
      key: upload.requireText('Key'),
      // The doc names it UploadID in one table; the SDK accepts both (docs/protocol.md#multipart-upload).
      uploadId: upload.text('UploadId') || upload.requireText('UploadID'),
      initiated: upload.text('Initiated') || undefined,
      storageClass: upload.text('StorageClass') || undefined,
    })),
    isTruncated: result.bool('IsTruncated'),
    nextKeyMarker: result.text('NextKeyMarker') || undefined,
    nextUploadIdMarker: result.text('NextUploadIdMarker') || undefined,
  };
}

/** `<CompleteMultipartUploadResult>`, with the Pic-Operations outcome when present (docs/protocol.md#multipart-upload, docs/protocol.md#result-xml). */
export function mapCompleteMultipartUpload(result: XmlReader): CompleteMultipartUploadResult {
  const location = result.text('Location') ?? '';
  const key = result.requireText('Key');
  const etag = result.requireText('ETag');
  const imageInfo = result.child('ImageInfo');
  const processed = result.child('ProcessResults');
  return {
    location,
    bucket: result.text('Bucket') ?? '',
    key,
    etag,
    uploadResult:
      imageInfo || processed
        ? { originalInfo: { key, location, etag, imageInfo: imageInfo ? mapImageInfo(imageInfo) : undefined }, processResults: mapProcessResults(result) }
        : undefined,
  };
}
