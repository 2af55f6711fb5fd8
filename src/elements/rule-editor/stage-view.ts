/**
 * The on-image editor: the image the selected operation receives, with the operation's shape drawn over it
 * (a crop/cut region with corner handles, a watermark marker, a thumbnail box). Positions are percentages
 * set as CSS custom properties through the CSSOM, so pages with a strict CSP need no inline styles.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { predictOutputSize, type ImageSize } from '../../core/rules/output-size.js';
import { watermarkAnchor, watermarkAxes, type Corner } from '../../core/rules/preview-geometry.js';
import { cssProps } from '../shared/css-props.js';
import { formatMessage, type Locale } from '../shared/i18n.js';
import { operationLabel } from './rule-card.js';
import { gravityLabels } from './locale-pack.js';
import type { StageInput } from './stage-drag.js';
import { gravityOf, offsetsOf, regionOf, thumbnailBoxOf, type StageTarget } from './stage-target.js';
import type { StageStrings } from './stage-strings.js';
import type { RuleEditorStrings } from './strings.js';

export interface StageViewContext {
  strings: RuleEditorStrings & StageStrings;
  locale: Locale;
  targets: StageTarget[];
  target?: StageTarget;
  /** The target's input size in pixels (predicted, or measured from the rendered input). */
  image?: ImageSize;
  src?: string;
  loading: boolean;
  /** Why the input could not be rendered (the steps before the operation failed). */
  error?: string;
  input: StageInput;
  onSelect: (key: number) => void;
  onImageLoad: (img: HTMLImageElement) => void;
}

const pct = (v: number, of: number) => `${((100 * v) / of).toFixed(4)}%`;
const CORNERS: [Corner, string][] = [['nw', 'northwest'], ['ne', 'northeast'], ['sw', 'southwest'], ['se', 'southeast']];

function shape(t: StageTarget, image: ImageSize, ctx: StageViewContext): TemplateResult | typeof nothing {
  const s = ctx.strings;
  const input = ctx.input;
  if (t.tool === 'cut' || t.tool === 'crop') {
    const r = regionOf(t, image);
    if (!r) return nothing;
    const place = cssProps({ '--l': pct(r.left, image.width), '--t': pct(r.top, image.height), '--w': pct(r.width, image.width), '--h': pct(r.height, image.height) });
    return html`<div class="shade" aria-hidden="true"><div class="hole shape" ${place}></div></div>
      <div class="region shape" ${place}>
        <button type="button" class="region-body" data-drag="move" aria-describedby="stage-help" @keydown=${input.keyDown}
          aria-label=${formatMessage(s.regionLabel, { w: r.width, h: r.height, x: r.left, y: r.top })}></button>
        ${CORNERS.map(([corner, gravity]) => html`<button type="button" class="handle ${corner}" data-drag=${corner} aria-describedby="stage-help"
          @keydown=${input.keyDown} aria-label=${formatMessage(s.cornerLabel, { corner: gravityLabels(ctx.locale)[gravity] })}></button>`)}
      </div>`;
  }
  if (t.tool === 'watermark') {
    const gravity = gravityOf(t);
    const { dx, dy } = offsetsOf(t);
    const p = watermarkAnchor(gravity, dx, dy, image);
    const axes = watermarkAxes(gravity);
    return html`<button type="button" class="marker ${gravity}" data-drag="marker" aria-describedby="stage-help" @keydown=${input.keyDown}
      data-axes="${axes.x ? 'x' : ''}${axes.y ? 'y' : ''}" ${cssProps({ '--x': pct(p.x, image.width), '--y': pct(p.y, image.height) })}
      aria-label=${formatMessage(s.markerLabel, { gravity: gravityLabels(ctx.locale)[gravity], dx, dy })}></button>`;
  }
  const box = thumbnailBoxOf(t, image);
  if (!box) return nothing;
  const area = (size: ImageSize) => cssProps({
    '--l': '0%', '--t': '0%', '--w': pct(Math.min(size.width, image.width), image.width), '--h': pct(Math.min(size.height, image.height), image.height),
  });
  // The output the box gives this input (fit, cover, one side…), shaded under the box, at the same scale.
  const out = predictOutputSize({ segments: [{ kind: 'imageMogr2', ops: [t.op] }] }, image);
  const size = out.kind === 'image' ? out.size : undefined;
  return html`${size ? html`<div class="thumb-out shape" ${area(size)}></div>` : nothing}
    <div class="thumb-box shape" ${area(box)}>
      <button type="button" class="handle se" data-drag="thumb" aria-describedby="stage-help" @keydown=${input.keyDown}
        aria-label=${formatMessage(s.thumbHandleLabel, { w: box.width, h: box.height })}></button>
    </div>
    ${size ? html`<p class="facts thumb-result">${formatMessage(s.thumbResult, { w: size.width, h: size.height })}</p>` : nothing}`;
}

function helpFor(t: StageTarget, image: ImageSize | undefined, s: StageStrings): string {
  if (t.tool === 'watermark') return s.stageHelpWatermark;
  if (t.tool === 'thumbnail') return image && !thumbnailBoxOf(t, image) ? s.stageHelpFixed : s.stageHelpThumbnail;
  return s.stageHelpRegion;
}

export function renderStage(ctx: StageViewContext): TemplateResult {
  const s = ctx.strings;
  const { target, image } = ctx;
  const label = (t: StageTarget) => `${formatMessage(s.ruleHeading, { n: t.ruleIndex + 1 })} · ${operationLabel(t.op.name, ctx.locale)}`;
  const opName = target ? operationLabel(target.op.name, ctx.locale) : '';
  return html`<section part="stage" class="stage" aria-labelledby="stage-heading">
    <h3 id="stage-heading">${s.stage}</h3>
    ${target ? html`
      <label class="sub">${s.stageOperation}
        <select class="stage-op" @change=${(e: Event) => ctx.onSelect(Number((e.target as HTMLSelectElement).value))}>
          ${ctx.targets.map((t) => html`<option value=${t.key} ?selected=${t.key === target.key}>${label(t)}</option>`)}
        </select></label>
      <small class="help" id="stage-help">${helpFor(target, image, s)}</small>
      ${image
        ? html`<div class="canvas tool-${target.tool}" role="group" aria-labelledby="stage-heading" aria-busy=${ctx.loading ? 'true' : 'false'}
            ${cssProps({ '--ratio': `${image.width} / ${image.height}` })}
            @pointerdown=${ctx.input.pointerDown} @pointermove=${ctx.input.pointerMove}
            @pointerup=${ctx.input.pointerUp} @pointercancel=${ctx.input.pointerUp}>
            ${ctx.src ? html`<img src=${ctx.src} alt=${formatMessage(s.stageImageAlt, { op: opName })} draggable="false"
              @load=${(e: Event) => ctx.onImageLoad(e.target as HTMLImageElement)} />` : nothing}
            ${shape(target, image, ctx)}
          </div>
          ${ctx.error ? html`<p class="note error">${formatMessage(s.previewFailed, { message: ctx.error })}</p>` : nothing}
          <p class="facts stage-size">${formatMessage(s.stageInput, { op: opName, w: image.width, h: image.height })}</p>`
        : html`<p class="note">${s.stageLoading}</p>`}`
      : html`<p class="hint">${s.stageNone}</p>`}
  </section>`;
}
