/**
 * Converting between a token as written in a rule and the value the model and the editor hold.
 * Base64 arguments are held decoded, gravity in lower case, everything else as written (trimmed).
 */
import { decodeBase64Url, encodeBase64Url } from './base64url.js';
import type { ParamSpec } from './catalogue.js';
import type { RuleParam } from './types.js';

const BASE64_TYPES = new Set(['color', 'base64-text', 'base64-url']);

export function isBase64Param(spec: ParamSpec | undefined): boolean {
  return spec !== undefined && BASE64_TYPES.has(spec.type);
}

/** The value a token stands for. An undecodable base64 token stands for itself, so it is never lost. */
export function tokenToValue(spec: ParamSpec | undefined, token: string): string {
  if (!spec) return token;
  const trimmed = token.trim();
  if (isBase64Param(spec)) {
    const decoded = decodeBase64Url(trimmed);
    return decoded.ok ? decoded.text : token;
  }
  return spec.type === 'gravity' ? trimmed.toLowerCase() : trimmed;
}

/** The canonical token for a value: unpadded URL-safe base64, lower-case gravity (docs/rules.md#round-trip). */
export function valueToToken(spec: ParamSpec | undefined, value: string): string {
  if (isBase64Param(spec)) return encodeBase64Url(value);
  return spec?.type === 'gravity' ? value.toLowerCase() : value;
}

/** A parameter from a token: `raw` is kept only when the token is not the canonical spelling of its value. */
export function paramFromToken(spec: ParamSpec | undefined, key: string, token: string): RuleParam {
  const value = tokenToValue(spec, token);
  return valueToToken(spec, value) === token ? { key, value } : { key, value, raw: token };
}

/** The text of a parameter's value: as written while its value is unchanged, canonical once edited. */
export function paramToken(spec: ParamSpec | undefined, param: RuleParam): string {
  if (param.raw !== undefined && tokenToValue(spec, param.raw) === param.value) return param.raw;
  return valueToToken(spec, param.value);
}

/** The parameter without its original spelling; an undecodable base64 token keeps it, having nothing else. */
export function canonicalParam(spec: ParamSpec | undefined, param: RuleParam): RuleParam {
  if (param.raw === undefined) return param;
  if (isBase64Param(spec) && !decodeBase64Url(param.raw.trim()).ok) return param;
  return { key: param.key, value: param.value };
}
