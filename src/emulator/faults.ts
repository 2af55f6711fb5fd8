import { codeForStatus, cosError, statusForCode } from './errors.js';
import type { FaultRule } from './types.js';

/** What a matched rule asks for; `error` is absent for a delay-only or drop rule. */
export interface FaultEffect {
  delayMs: number;
  drop?: 'before-body' | 'mid-body';
  corrupt?: 'stored' | 'crc-header';
  error?: { status: number; code: string };
}

export interface FaultTarget {
  action: string;
  method: string;
  key: string;
  partNumber?: number;
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number;
  keyPattern?: RegExp;
}

const ACTIONS = new Set([
  'PutObject', 'UploadPart', 'InitiateMultipartUpload', 'CompleteMultipartUpload', 'ListParts', 'ListMultipartUploads',
  'AbortMultipartUpload', 'GetObject', 'HeadObject', 'DeleteObject', 'PostObject', 'ImageProcess', 'Sts',
  'PicJobs', 'ListObjects',
]);

function compileKey(key: string): RegExp | undefined {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(key);
  if (!m) return undefined;
  try {
    return new RegExp(m[1], m[2]);
  } catch {
    throw cosError('InvalidArgument', `Invalid key pattern ${key}.`);
  }
}

/** Checks a rule coming from tests or the admin API so a typo fails loudly instead of never matching. */
function validate(rule: FaultRule): void {
  if (!rule || typeof rule !== 'object') throw cosError('InvalidArgument', 'A fault rule must be an object.');
  if (rule.action !== undefined && !ACTIONS.has(rule.action)) throw cosError('InvalidArgument', `Unknown fault action "${rule.action}".`);
  if (rule.times !== undefined && !(Number.isInteger(rule.times) && rule.times > 0)) {
    throw cosError('InvalidArgument', 'times must be a positive integer.');
  }
  if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) {
    throw cosError('InvalidArgument', 'probability must be between 0 and 1.');
  }
  if (rule.status !== undefined && !(Number.isInteger(rule.status) && rule.status >= 100 && rule.status <= 599)) {
    throw cosError('InvalidArgument', 'status must be an HTTP status code.');
  }
  if (rule.drop !== undefined && rule.drop !== 'before-body' && rule.drop !== 'mid-body') {
    throw cosError('InvalidArgument', 'drop must be "before-body" or "mid-body".');
  }
  if (rule.corrupt !== undefined && rule.corrupt !== 'stored' && rule.corrupt !== 'crc-header') {
    throw cosError('InvalidArgument', 'corrupt must be "stored" or "crc-header".');
  }
  if (rule.delayMs !== undefined && !(rule.delayMs >= 0)) throw cosError('InvalidArgument', 'delayMs must be ≥ 0.');
}

/** Scripted failures for tests: fail, slow down, drop or delay chosen requests. */
export class FaultInjector {
  #rules: ActiveRule[] = [];
  #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
  }

  add(rules: FaultRule | FaultRule[]): void {
    const list = Array.isArray(rules) ? rules : [rules];
    list.forEach(validate);
    for (const rule of list) {
      this.#rules.push({
        rule,
        remaining: rule.probability !== undefined ? Infinity : rule.times ?? 1,
        keyPattern: rule.key === undefined ? undefined : compileKey(rule.key),
      });
    }
  }

  clear(): void {
    this.#rules = [];
  }

  /** The effect for this request, consuming one attempt of the first matching rule. */
  take(target: FaultTarget): FaultEffect | undefined {
    const index = this.#rules.findIndex((r) => this.#matches(r, target));
    if (index < 0) return undefined;
    const active = this.#rules[index];
    const { rule } = active;
    if (rule.probability !== undefined && this.#random() >= rule.probability) return undefined;
    active.remaining -= 1;
    if (active.remaining <= 0) this.#rules.splice(index, 1);
    const effect: FaultEffect = { delayMs: rule.delayMs ?? 0, drop: rule.drop, corrupt: rule.corrupt };
    const delayOnly = rule.delayMs !== undefined && rule.status === undefined && rule.code === undefined;
    if (!rule.drop && !rule.corrupt && !delayOnly) {
      const status = rule.status ?? (rule.code ? statusForCode(rule.code) : 500);
      effect.error = { status, code: rule.code ?? codeForStatus(status) };
    }
    return effect;
  }

  #matches(active: ActiveRule, t: FaultTarget): boolean {
    const { rule } = active;
    if (rule.action !== undefined && rule.action !== t.action) return false;
    if (rule.method !== undefined && rule.method.toUpperCase() !== t.method) return false;
    if (rule.partNumber !== undefined && rule.partNumber !== t.partNumber) return false;
    if (rule.key !== undefined) {
      if (active.keyPattern ? !active.keyPattern.test(t.key) : rule.key !== t.key) return false;
    }
    return true;
  }
}
