/**
 * Languages of <cos-rule-editor>: English is built in; the Chinese pack (catalogue-zh.ts) is loaded when an editor
 * first resolves to zh-CN, so English pages do not fetch it (docs/bundle-size.md). An entry that bundles it
 * (src/index.ts) provides it up front.
 */
import type { ThumbnailForm } from '../../core/rules/index.js';
import type { Locale } from '../shared/i18n.js';

export type ZhPack = typeof import('./catalogue-zh.js');

let zh: ZhPack | undefined;
let loading: Promise<void> | undefined;

export function provideRuleEditorZh(pack: ZhPack): void {
  zh = pack;
}

/** The Chinese pack for a zh-CN locale once it is there; undefined for English (and while it loads). */
export function zhPackFor(locale: Locale): ZhPack | undefined {
  return locale === 'zh-CN' ? zh : undefined;
}

/** Resolves once the locale's pack is there; undefined when nothing needs loading. A failed load is forgotten. */
export function ruleEditorLocaleReady(locale: Locale): Promise<void> | undefined {
  if (locale !== 'zh-CN' || zh) return undefined;
  loading ??= import('./catalogue-zh.js').then(provideRuleEditorZh, () => (loading = undefined));
  return loading;
}

const GRAVITY_EN: Record<string, string> = {
  northwest: 'top left', north: 'top', northeast: 'top right', west: 'left', center: 'centre', east: 'right',
  southwest: 'bottom left', south: 'bottom', southeast: 'bottom right',
};

const THUMBNAIL_FORM_EN: Record<ThumbnailForm, string> = {
  width: 'Width, keep ratio', height: 'Height, keep ratio', fit: 'Fit inside W×H', shrink: 'Fit inside, only shrink',
  enlarge: 'Fit inside, only enlarge', cover: 'Cover W×H', force: 'Exactly W×H (may distort)', scale: 'Scale by %',
  'scale-width': 'Scale width by %', 'scale-height': 'Scale height by %', area: 'Limit total pixels',
};

export const gravityLabels = (locale: Locale): Record<string, string> => zhPackFor(locale)?.GRAVITY_LABELS_ZH ?? GRAVITY_EN;

export const thumbnailFormLabels = (locale: Locale): Record<ThumbnailForm, string> =>
  zhPackFor(locale)?.THUMBNAIL_FORM_LABELS_ZH ?? THUMBNAIL_FORM_EN;
