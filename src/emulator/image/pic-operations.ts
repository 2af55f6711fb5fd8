/**
 * Upload-time / cloud processing driven by the Pic-Operations header (docs/protocol.md#pic-operations).
 *
 * All-or-nothing: the header and every rule are validated, and every output is computed in memory,
 * before the first `io.write`. A failing rule therefore writes nothing (the original was stored by
 * the caller and stays as it was); outputs are then written in rule order.
 */
import { ImageError } from './errors.js';
import { contentTypeOf, type EncodedImage } from './encode.js';
import { imageInfoXml, md5Hex, resultFormatName } from './image-info.js';
import { asImageError, compileRule, runRule, type CompiledSegment } from './pipeline.js';
import { inspectImage } from './source.js';
import type { ObjectIO } from './state.js';
import { el, quoteEtag, wrap } from './xml.js';

export const MAX_PIC_RULES = 5;

export interface PicOperationsArgs {
  bucket: string;
  region: string;
  /** Request host; not used for Location, which keeps the documented `<bucket>.cos.<region>.myqcloud.com/<key>` form. */
  host: string;
  key: string;
  original: Buffer;
  originalEtag: string;
  header: string;
  io: ObjectIO;
}

export interface PicOperationsResult {
  xml: string;
  imageInfoXml?: string;
  processResultsXml: string;
}

interface ParsedRule {
  key: string;
  bucket: string;
  segments: CompiledSegment[];
}

function bad(message: string): ImageError {
  return new ImageError('InvalidPicOperations', message);
}

/** Node hands header values over as latin1; a raw UTF-8 header therefore arrives as mojibake. */
function utf8Header(header: string): string {
  const codes = Array.from(header, (c) => c.codePointAt(0) ?? 0);
  if (!codes.some((c) => c >= 0x80) || codes.some((c) => c > 0xff)) return header;
  const decoded = Buffer.from(header, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? header : decoded;
}

/** A percent-encoded fileid is decoded only when that yields a non-ASCII name (browsers cannot send raw UTF-8 headers). */
function decodeFileId(fileid: string): string {
  if (!/%[0-9a-f]{2}/i.test(fileid)) return fileid;
  try {
    const decoded = decodeURIComponent(fileid);
    return Array.from(decoded).some((c) => (c.codePointAt(0) ?? 0) > 0x7f) ? decoded : fileid;
  } catch {
    return fileid;
  }
}

/** fileid → output key (docs/protocol.md#pic-operations): leading `/` is absolute, otherwise relative to the input key's folder. */
export function resolveFileId(inputKey: string, fileid: string): string {
  const id = decodeFileId(fileid);
  if (id.startsWith('/')) return id.replace(/^\/+/, '');
  const slash = inputKey.lastIndexOf('/');
  return slash === -1 ? id : inputKey.slice(0, slash + 1) + id;
}

export function parsePicOperations(header: string, inputKey: string, bucket: string): { isPicInfo: boolean; rules: ParsedRule[] } {
  let json: unknown;
  try {
    json = JSON.parse(utf8Header(header));
  } catch (error) {
    throw bad(`Pic-Operations is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad('Pic-Operations must be a JSON object.');
  const { is_pic_info: picInfo = 0, rules = [] } = json as Record<string, unknown>;
  if (![0, 1, '0', '1', true, false].includes(picInfo as never)) throw bad(`is_pic_info must be 0 or 1; got ${JSON.stringify(picInfo)}.`);
  if (!Array.isArray(rules)) throw bad('Pic-Operations "rules" must be an array.');
  if (rules.length > MAX_PIC_RULES) throw bad(`Pic-Operations allows at most ${MAX_PIC_RULES} rules; got ${rules.length}.`);
  const parsed = rules.map((rule: unknown, i): ParsedRule => {
    const where = `rules[${i}]`;
    if (typeof rule !== 'object' || rule === null) throw bad(`${where} must be an object.`);
    const { fileid, rule: text, bucket: target } = rule as Record<string, unknown>;
    if (typeof fileid !== 'string' || fileid === '') throw bad(`${where}.fileid is required.`);
    if (fileid.endsWith('/')) throw bad(`${where}.fileid "${fileid}" must not end with "/".`);
    if (typeof text !== 'string' || text === '') throw bad(`${where}.rule is required.`);
    if (target !== undefined && target !== bucket) {
      throw bad(`${where}.bucket "${String(target)}": the emulator writes processed objects into the input bucket "${bucket}" only.`);
    }
    const key = resolveFileId(inputKey, fileid);
    if (key === '') throw bad(`${where}.fileid "${fileid}" resolves to an empty key.`);
    let segments: CompiledSegment[];
    try {
      segments = compileRule(text, 'upload');
    } catch (error) {
      throw bad(`${where}.rule "${text}": ${(error as Error).message}`);
    }
    return { key, bucket, segments };
  });
  return { isPicInfo: picInfo === 1 || picInfo === '1' || picInfo === true, rules: parsed };
}

const location = (bucket: string, region: string, key: string) => `${bucket}.cos.${region}.myqcloud.com/${key}`;

/** Bits per sample of an encoded output, read back from its header (sharp may widen or narrow it). */
async function outputBitDepth(image: EncodedImage): Promise<number> {
  return (await inspectImage(image.data, false).catch(() => undefined))?.bitDepth ?? 8;
}

function objectXml(key: string, bucket: string, region: string, image: EncodedImage, etag: string, bitDepth: number): string {
  return wrap('Object', [
    el('Key', key),
    el('Location', location(bucket, region, key)),
    el('Format', resultFormatName(image.format)),
    el('Width', image.width),
    el('Height', image.height),
    el('Size', image.data.length),
    el('Quality', image.quality),
    el('ETag', quoteEtag(etag)),
    el('FrameCount', image.frames),
    el('Md5', md5Hex(image.data)),
    el('BitDepth', bitDepth),
  ].join(''));
}

/** See the module comment for the all-or-nothing contract. InvalidArgument from a rule becomes InvalidPicOperations. */
export async function processPicOperations(args: PicOperationsArgs): Promise<PicOperationsResult> {
  const { bucket, region, key, io } = args;
  const { isPicInfo, rules } = parsePicOperations(args.header, key, bucket);
  const source = isPicInfo || rules.length > 0 ? await inspectImage(args.original, false).catch((e) => Promise.reject(asImageError(e))) : undefined;
  const outputs: EncodedImage[] = [];
  for (const [i, rule] of rules.entries()) {
    try {
      const result = await runRule(source!, rule.segments, io);
      if (result.kind !== 'image') throw bad(`rules[${i}] does not produce an image.`);
      outputs.push(result.image);
    } catch (error) {
      const e = asImageError(error);
      throw e.code === 'InvalidArgument' ? bad(`rules[${i}]: ${e.message}`) : e;
    }
  }
  let imageInfo: string | undefined;
  if (isPicInfo && source) imageInfo = await imageInfoXml(source);
  let originalEtag = args.originalEtag;
  const objects: string[] = [];
  for (const [i, rule] of rules.entries()) {
    const image = outputs[i];
    const { etag } = await io.write(rule.key, image.data, contentTypeOf(image.format));
    if (rule.key === key) originalEtag = etag;
    objects.push(objectXml(rule.key, rule.bucket, region, image, etag, await outputBitDepth(image)));
  }
  const processResultsXml = wrap('ProcessResults', objects.join(''));
  const originalInfo = wrap('OriginalInfo', [
    el('Key', key),
    el('Location', location(bucket, region, key)),
    el('ETag', quoteEtag(originalEtag)),
    imageInfo ?? '',
  ].join(''));
  return { xml: wrap('UploadResult', originalInfo + processResultsXml), imageInfoXml: imageInfo, processResultsXml };
}
