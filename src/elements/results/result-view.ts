import { html, nothing, type TemplateResult } from 'lit';
import { cssProps } from '../shared/css-props.js';
import type { ImageInfo, ProcessedObject, UploadResult } from '../../core/types.js';
import { formatBytes, formatMessage, type Locale } from '../shared/i18n.js';
import type { ResultsStrings } from './strings.js';

export interface ResultViewContext {
  strings: ResultsStrings;
  locale: Locale;
  layout: 'compact' | 'detailed';
  /** A signed URL for a key: a string when ready, undefined while signing, null when none can be had. */
  imageUrl(key: string): string | null | undefined;
}

/** `0xRRGGBB` (ImageInfo Ave) as a CSS colour; anything else is refused, since it comes from a server. */
export function aveColour(ave: string | undefined): string | undefined {
  const match = /^0x([0-9a-f]{6})$/i.exec(ave?.trim() ?? '');
  return match ? `#${match[1].toLowerCase()}` : undefined;
}

/** Only http(s) and blob URLs become links or image sources; a `javascript:` URL never does. */
export function safeUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const protocol = new URL(url, document.baseURI).protocol;
    return protocol === 'https:' || protocol === 'http:' || protocol === 'blob:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function field(label: string, value: unknown, className = ''): TemplateResult | typeof nothing {
  if (value === undefined || value === null || value === '') return nothing;
  return html`<div class=${`field ${className}`}><dt>${label}</dt><dd>${value}</dd></div>`;
}

function dimensions(width: number, height: number): string {
  return `${width} × ${height}`;
}

/** DPI as the file records it: `H × V DPI`, or nothing when COS sent neither. */
function resolution(info: ImageInfo, ctx: ResultViewContext): string | undefined {
  if (info.horizontalDpi === undefined && info.verticalDpi === undefined) return undefined;
  const unknown = '?';
  return formatMessage(ctx.strings.resolutionValue, { horizontal: info.horizontalDpi ?? unknown, vertical: info.verticalDpi ?? unknown });
}

/** Bit depth, DPI and MD5: the detailed layout only, so compact captions stay short. */
function originalDetails(info: ImageInfo, ctx: ResultViewContext): TemplateResult | typeof nothing {
  if (ctx.layout !== 'detailed') return nothing;
  const s = ctx.strings;
  return html`${field(s.bitDepth, info.bitDepth, 'bit-depth')} ${field(s.resolution, resolution(info, ctx), 'resolution')} ${field(s.md5, info.md5, 'md5')}`;
}

/** The original image's facts; the Ave swatch is shown with its hex value so it is not colour-only. */
export function renderOriginal(key: string, info: ImageInfo | undefined, ctx: ResultViewContext): TemplateResult {
  const s = ctx.strings;
  const colour = aveColour(info?.ave);
  return html`<div class="original">
    <span class="label">${s.original}</span>
    <span class="key" title=${key}>${key}</span>
    ${info
      ? html`<dl class="facts">
          ${field(s.format, info.format)} ${field(s.dimensions, dimensions(info.width, info.height))} ${field(s.quality, info.quality)}
          ${field(s.frames, info.frameCount && info.frameCount > 1 ? info.frameCount : undefined)}
          ${originalDetails(info, ctx)}
          ${colour
            ? html`<div class="field"><dt>${s.averageColour}</dt><dd class="ave"><span class="swatch" ${cssProps({ '--_swatch': colour })}></span>${colour}</dd></div>`
            : nothing}
        </dl>`
      : nothing}
  </div>`;
}

/** One processed object as a thumbnail with its key, format, dimensions, size and a link. */
export function renderProcessed(object: ProcessedObject, ctx: ResultViewContext): TemplateResult {
  const s = ctx.strings;
  const url = ctx.imageUrl(object.key);
  const src = safeUrl(url);
  const detailed = ctx.layout === 'detailed';
  return html`<li part="item" class="item">
    <div class="frame">
      ${src
        ? html`<img part="image" src=${src} alt=${object.key} loading="lazy" />`
        : html`<span class="placeholder">${url === undefined ? s.loadingImage : s.imageUnavailable}</span>`}
    </div>
    <div part="caption" class="caption">
      <span class="key" title=${object.key}>${object.key}</span>
      ${detailed
        ? html`<dl class="facts">
            ${field(s.format, object.format)} ${field(s.dimensions, dimensions(object.width, object.height))}
            ${field(s.size, formatBytes(object.size, ctx.locale))} ${field(s.quality, object.quality)} ${field(s.etag, object.etag, 'etag')}
            ${field(s.bitDepth, object.bitDepth, 'bit-depth')} ${field(s.md5, object.md5, 'md5')}
          </dl>`
        : html`<span class="summary">${[object.format, dimensions(object.width, object.height), formatBytes(object.size, ctx.locale)].join(' · ')}</span>`}
      ${src
        ? html`<a class="open" href=${src} target="_blank" rel="noopener noreferrer" aria-label=${formatMessage(s.openKey, { key: object.key })}>${s.open}</a>`
        : nothing}
    </div>
  </li>`;
}

/** A whole UploadResult: the original, then a grid of its processed objects (plus any made since). */
export function renderResult(result: UploadResult, extra: readonly ProcessedObject[], ctx: ResultViewContext, actions: TemplateResult | typeof nothing): TemplateResult {
  const objects = [...result.processResults, ...extra];
  return html`<section class="result">
    ${renderOriginal(result.originalInfo.key, result.originalInfo.imageInfo, ctx)}
    ${objects.length
      ? html`<ul part="grid" class="grid" aria-label=${formatMessage(ctx.strings.processedCount, { count: objects.length })}>
          ${objects.map((object) => renderProcessed(object, ctx))}
        </ul>`
      : html`<p class="empty">${ctx.strings.noResults}</p>`}
    ${actions}
  </section>`;
}
