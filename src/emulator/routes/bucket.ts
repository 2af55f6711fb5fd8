import { cosUrlEncode } from '../../core/auth/canonical.js';
import { queryValue } from '../address.js';
import { sendXml, type RequestContext } from '../context.js';
import { cosError } from '../errors.js';
import { xmlDocument } from '../xml.js';

/** GET Bucket (list objects, v1 paging with marker): handy to see what an upload left behind. */
export async function listObjects(ctx: RequestContext): Promise<void> {
  const q = (name: string) => queryValue(ctx.query, name) ?? '';
  const prefix = q('prefix');
  const delimiter = q('delimiter');
  const marker = q('marker');
  const rawMax = q('max-keys');
  const maxKeys = rawMax === '' ? 1000 : Number(rawMax);
  if (!Number.isInteger(maxKeys) || maxKeys < 0) throw cosError('InvalidArgument', 'max-keys must be a non-negative integer.');
  const enc = q('encoding-type') === 'url' ? cosUrlEncode : (s: string) => s;
  // A marker that is a common prefix skips everything under it (the next page starts after the group).
  const skipGroup = delimiter !== '' && marker.endsWith(delimiter);
  const objects = (await ctx.state.objects.list()).filter((o) =>
    o.key.startsWith(prefix) && o.key > marker && !(skipGroup && o.key.startsWith(marker)));
  const contents: typeof objects = [];
  const prefixes: string[] = [];
  let truncated = false;
  let last = '';
  for (const o of objects) {
    const cut = delimiter ? o.key.indexOf(delimiter, prefix.length) : -1;
    const common = cut >= 0 ? o.key.slice(0, cut + delimiter.length) : undefined;
    if (common && prefixes.includes(common)) continue;
    if (contents.length + prefixes.length >= Math.min(maxKeys, 1000)) {
      truncated = true;
      break;
    }
    if (common) prefixes.push(common);
    else contents.push(o);
    last = common ?? o.key;
  }
  const owner = { ID: ctx.state.appId, DisplayName: ctx.state.appId };
  sendXml(ctx.res, 200, xmlDocument('ListBucketResult', {
    Name: ctx.bucket,
    EncodingType: q('encoding-type') || undefined,
    Prefix: enc(prefix),
    Marker: enc(marker),
    MaxKeys: maxKeys,
    Delimiter: delimiter ? enc(delimiter) : undefined,
    IsTruncated: truncated,
    NextMarker: truncated ? enc(last) : undefined,
    Contents: contents.map((o) => ({
      Key: enc(o.key),
      LastModified: new Date(o.lastModified).toISOString(),
      ETag: o.etag,
      Size: o.size,
      Owner: owner,
      StorageClass: 'STANDARD',
    })),
    CommonPrefixes: prefixes.map((p) => ({ Prefix: enc(p) })),
  }));
}
