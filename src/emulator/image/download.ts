/**
 * Download-time processing: `GET /<key>?<rule>` where the rule is a query key with no value
 * (docs/rules.md#where-a-rule-appears). Signature (`q-*`), `response-*` and other ordinary parameters are ignored.
 */
import { contentTypeOf } from './encode.js';
import { asImageError, compileRule, runRule } from './pipeline.js';
import { inspectImage } from './source.js';
import type { ObjectIO } from './state.js';

const RULE_HEADS = new Set(['imageMogr2', 'imageView2', 'watermark', 'imageInfo', 'imageAve', 'exif']);

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The processing rule in a raw query string, or null. The whole `name[=value]` part is the rule:
 * base64 padding inside a rule contains `=` (`…/text/Q0xPVUQgSU1BR0U=/gravity/…`), and trailing `=`
 * (an SDK's empty value, or padding) is dropped because base64 values are accepted unpadded.
 * Several rule parameters are chained as one pipeline, in query order.
 */
export function extractRule(rawQuery: string): string | null {
  const rules: string[] = [];
  for (const part of rawQuery.split('&')) {
    const text = safeDecode(part);
    const head = text.split(/[/|=]/, 1)[0];
    if (RULE_HEADS.has(head)) rules.push(text.replace(/=+$/, ''));
  }
  return rules.length > 0 ? rules.join('|') : null;
}

/** See the contract in index.ts. Rule errors are 400 InvalidArgument; non-images InvalidImageFormat. */
export async function processOnDownload(args: { key: string; original: Buffer; rawQuery: string; io: ObjectIO }): Promise<null | { body: Buffer; contentType: string }> {
  const rule = extractRule(args.rawQuery);
  if (rule === null) return null;
  try {
    const segments = compileRule(rule, 'download');
    const source = await inspectImage(args.original, false);
    const result = await runRule(source, segments, args.io);
    if (result.kind === 'json') return { body: Buffer.from(result.body, 'utf8'), contentType: 'application/json' };
    return { body: result.image.data, contentType: contentTypeOf(result.image.format) };
  } catch (error) {
    throw asImageError(error);
  }
}
