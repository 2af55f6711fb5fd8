import { validateKey } from '../core/client-validate.js';
import { deny } from './respond.js';

/**
 * Where Cloud Infinite writes a processed copy: a `fileid` starting with '/' is a key from the bucket
 * root, anything else sits beside the input object (docs/security.md explains why this is checked).
 */
function outputKey(inputKey: string, fileid: string): string {
  if (fileid.startsWith('/')) return fileid.replace(/^\/+/, '');
  const slash = inputKey.lastIndexOf('/');
  return slash === -1 ? fileid : inputKey.slice(0, slash + 1) + fileid;
}

function spellings(fileid: string): string[] {
  try {
    const decoded = decodeURIComponent(fileid);
    return decoded === fileid ? [fileid] : [fileid, decoded];
  } catch {
    return [fileid];
  }
}

/**
 * A signed Pic-Operations header lets COS write processed images, so every output must stay inside the
 * user's prefix and the bucket: otherwise one user's upload could overwrite another user's files.
 */
export function checkPicOperations(value: string | undefined, inputKey: string, prefix: string, bucket: string): void {
  if (value === undefined) return;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw deny('InvalidArgument', 'Pic-Operations is not valid JSON.');
  }
  const rules = (json as { rules?: unknown } | null)?.rules ?? [];
  if (!Array.isArray(rules)) throw deny('InvalidArgument', 'Pic-Operations "rules" must be an array.');
  for (const [i, rule] of rules.entries()) {
    const { fileid, bucket: target } = (rule ?? {}) as Record<string, unknown>;
    if (target !== undefined && target !== bucket) throw deny('AccessDenied', `Pic-Operations rules[${i}] writes to bucket "${String(target)}"; only "${bucket}" is allowed.`);
    if (typeof fileid !== 'string' || !fileid) throw deny('InvalidArgument', `Pic-Operations rules[${i}].fileid is required.`);
    for (const spelling of spellings(fileid)) {
      const key = outputKey(inputKey, spelling);
      try {
        validateKey(key);
      } catch (err) {
        throw deny('InvalidKey', `Pic-Operations rules[${i}].fileid: ${(err as Error).message}`);
      }
      if (!key.startsWith(prefix)) throw deny('AccessDenied', `Pic-Operations rules[${i}] writes "${key}", outside your prefix "${prefix}".`);
    }
  }
}
