import { cosError } from './errors.js';
import { parseXml, xmlDocument } from './xml.js';

/** One `<CORSRule>` of a bucket's CORS configuration (docs/doctor.md, "CORS"). */
export interface CorsRule {
  id?: string;
  allowedOrigins: string[];
  allowedMethods: string[];
  allowedHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds?: number;
}

/** What the emulator answers for CORS: its permissive development default, or the rules set with PUT Bucket cors. */
export type CorsConfig = { kind: 'default' } | { kind: 'rules'; rules: CorsRule[]; responseVary: boolean };

const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD']);
const MAX_RULES = 100;
const MAX_CONFIG_BYTES = 64 * 1024;

/** `*` alone, or one `*` wildcard inside a value (`http://*.example.com`), matched case-insensitively for headers. */
export function wildcardMatch(value: string, pattern: string, ignoreCase = false): boolean {
  const v = ignoreCase ? value.toLowerCase() : value;
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  if (p === '*' || p === v) return true;
  const star = p.indexOf('*');
  if (star < 0) return false;
  const head = p.slice(0, star);
  const tail = p.slice(star + 1);
  return v.length >= head.length + tail.length && v.startsWith(head) && v.endsWith(tail);
}

/** The first rule that allows this origin and method (and every requested header), as COS picks it. */
export function matchRule(rules: CorsRule[], origin: string, method: string, headers: string[] = []): CorsRule | undefined {
  return rules.find((rule) =>
    rule.allowedOrigins.some((o) => wildcardMatch(origin, o)) &&
    rule.allowedMethods.includes(method) &&
    headers.every((h) => rule.allowedHeaders.some((a) => wildcardMatch(h, a, true))));
}

const list = (value: unknown): string[] => {
  const items = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return items.map((item) => String(item ?? '').trim()).filter(Boolean);
};

/** Parses the body of PUT Bucket cors; every mistake is a COS-format MalformedXML / InvalidArgument. */
export function parseCorsConfiguration(text: string): CorsConfig {
  if (Buffer.byteLength(text, 'utf8') > MAX_CONFIG_BYTES) throw cosError('EntityTooLarge', 'A CORS configuration must not exceed 64 KB.');
  const root = parseXml(text)?.CORSConfiguration as Record<string, unknown> | undefined;
  if (!root || typeof root !== 'object') throw cosError('MalformedXML', 'The body must be a <CORSConfiguration> document.');
  const rawRules = root.CORSRule === undefined ? [] : Array.isArray(root.CORSRule) ? root.CORSRule : [root.CORSRule];
  if (rawRules.length === 0) throw cosError('MalformedXML', 'A <CORSConfiguration> needs at least one <CORSRule>.');
  if (rawRules.length > MAX_RULES) throw cosError('InvalidArgument', `At most ${MAX_RULES} CORSRule are allowed.`);
  const rules = rawRules.map((raw, index): CorsRule => {
    const r = (raw ?? {}) as Record<string, unknown>;
    const rule: CorsRule = {
      id: r.ID === undefined ? undefined : String(r.ID),
      allowedOrigins: list(r.AllowedOrigin),
      allowedMethods: list(r.AllowedMethod).map((m) => m.toUpperCase()),
      allowedHeaders: list(r.AllowedHeader),
      exposeHeaders: list(r.ExposeHeader),
    };
    if (!rule.allowedOrigins.length) throw cosError('MalformedXML', `CORSRule ${index + 1} has no <AllowedOrigin>.`);
    if (!rule.allowedMethods.length) throw cosError('MalformedXML', `CORSRule ${index + 1} has no <AllowedMethod>.`);
    const bad = rule.allowedMethods.find((m) => !METHODS.has(m));
    if (bad) throw cosError('InvalidArgument', `CORSRule ${index + 1}: AllowedMethod ${bad} is not one of GET, PUT, POST, DELETE, HEAD.`);
    for (const origin of rule.allowedOrigins) {
      if (origin.split('*').length > 2) throw cosError('InvalidArgument', `AllowedOrigin ${origin} has more than one "*".`);
    }
    if (r.MaxAgeSeconds !== undefined && r.MaxAgeSeconds !== '') {
      const age = Number(r.MaxAgeSeconds);
      if (!Number.isInteger(age) || age < 0) throw cosError('InvalidArgument', `CORSRule ${index + 1}: MaxAgeSeconds must be a non-negative integer.`);
      rule.maxAgeSeconds = age;
    }
    return rule;
  });
  return { kind: 'rules', rules, responseVary: String(root.ResponseVary ?? '').toLowerCase() === 'true' };
}

/** The GET Bucket cors body. */
export function corsConfigurationXml(config: Extract<CorsConfig, { kind: 'rules' }>): string {
  return xmlDocument('CORSConfiguration', {
    CORSRule: config.rules.map((rule) => ({
      ID: rule.id,
      AllowedOrigin: rule.allowedOrigins,
      AllowedMethod: rule.allowedMethods,
      AllowedHeader: rule.allowedHeaders,
      ExposeHeader: rule.exposeHeaders,
      MaxAgeSeconds: rule.maxAgeSeconds,
    })),
    ResponseVary: config.responseVary ? 'true' : 'false',
  });
}
