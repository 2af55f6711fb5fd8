import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The locales the elements ship; any other `lang` falls back to English. */
export type Locale = 'en' | 'zh-CN';

/** Maps a BCP 47 tag to a shipped locale: every `zh*` tag reads Simplified Chinese, the rest English. */
export function toLocale(tag: string | null | undefined): Locale {
  return tag && /^zh\b/i.test(tag.trim()) ? 'zh-CN' : 'en';
}

/**
 * The element's language: its own `lang`, else the closest ancestor's, crossing shadow roots
 * (an element inside another element's shadow DOM follows its host's language).
 */
export function resolveLang(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? '';
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return '';
}

/** Replaces `{name}` placeholders with values; unknown placeholders stay visible so a typo shows. */
export function formatMessage(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * `pickStrings` that hands back the same object until the table or the overrides change, so a template guarded
 * on it does not re-render every frame when the page set overrides. The tables are a record, or a function for
 * an element whose other languages load on demand.
 */
export class StringsTable<T extends object> {
  #memo?: { base: T; overrides?: Partial<T>; table: T };

  constructor(private readonly tables: Record<Locale, T> | ((locale: Locale) => T)) {}

  pick(locale: Locale, overrides?: Partial<T>): T {
    const base = typeof this.tables === 'function' ? this.tables(locale) : this.tables[locale];
    if (this.#memo?.base !== base || this.#memo.overrides !== overrides) {
      this.#memo = { base, overrides, table: overrides ? { ...base, ...overrides } : base };
    }
    return this.#memo.table;
  }
}

/** Picks a table by locale (from a record, or a function for languages loaded on demand) and lays the page's overrides on top. */
export function pickStrings<T extends object>(tables: Record<Locale, T> | ((locale: Locale) => T), locale: Locale, overrides?: Partial<T>): T {
  const base = typeof tables === 'function' ? tables(locale) : tables[locale];
  return overrides ? { ...base, ...overrides } : base;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Human-readable size in powers of 1024 (1 KB = 1024 B, as file managers show it). */
export function formatBytes(bytes: number, locale: Locale): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${numberFormat(locale, digits).format(value)} ${UNITS[unit]}`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Building an Intl.NumberFormat costs far more than using one; thousands of rows share one per locale. */
export function numberFormat(locale: Locale, maximumFractionDigits = 0): Intl.NumberFormat {
  const key = `${locale}|${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits });
    numberFormats.set(key, format);
  }
  return format;
}

/** Short duration like `1 min 5 s` / `1 分 5 秒`; hours shown past 60 minutes. */
export function formatDuration(seconds: number, locale: Locale): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const total = Math.ceil(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const units = locale === 'zh-CN' ? { h: ' 小时', m: ' 分', s: ' 秒' } : { h: ' h', m: ' min', s: ' s' };
  const parts: string[] = [];
  if (h) parts.push(`${h}${units.h}`);
  if (m) parts.push(`${m}${units.m}`);
  if (!h && (s || !m)) parts.push(`${s}${units.s}`);
  return parts.join(' ');
}

/**
 * Re-renders the host when its own `lang` attribute or the document's changes (a page-level
 * language switch); languages set on other ancestors are read at each render.
 */
export class LangController implements ReactiveController {
  #observer?: MutationObserver;

  constructor(private readonly host: ReactiveControllerHost & Element) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer = new MutationObserver(() => this.host.requestUpdate());
    const options = { attributes: true, attributeFilter: ['lang'] };
    this.#observer.observe(this.host, options);
    this.#observer.observe(document.documentElement, options);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }
}
