import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  NO_EDIT, editRule, flipEdit, isIdentityEdit, normalizeCrop, turnEdit, viewSize, type ImageEdit, type Rect, type Size,
} from '../../../core/rules/edit-geometry.js';
import { boxWithRatio, fullBox, moveBox, parseAspects, resizeBox, scaleBox, type AspectPreset, type Corner } from '../../../core/rules/crop-box.js';
import { cssProps } from '../../shared/css-props.js';
import { formatMessage } from '../../shared/i18n.js';
import { editorStyles } from './image-editor.styles.js';
import { EDITOR_STRINGS, type EditorStrings } from './edit-strings.js';

/** Largest preview, CSS px; the edit itself is kept in the image's own pixels. */
const MAX_PREVIEW = { width: 480, height: 360 };

/** Detail of `cos-edit-apply`: the edit in the image's pixels, the upright size it refers to, and its rule. */
export interface EditApplyDetail { edit: ImageEdit; upright: Size; rule: string; identity: boolean }

type Drag = { kind: 'move' | 'draw' | Corner; startX: number; startY: number; box: Rect };

/**
 * @summary Crop, quarter-turn and mirror one image (docs/editing.md). Used by `<cos-uploader>`'s rows; loads on first use.
 * Shows the image upright (EXIF orientation applied, as browsers show it). The crop box moves by dragging or with
 * the arrow keys, and resizes by its corner handles or Shift+arrows; Enter applies, Escape cancels.
 * @csspart editor - The editor's frame.
 * @event cos-edit-apply - Apply: `detail.edit` (turn, mirror, crop in the view's full-resolution pixels) and `detail.upright`. Bubbles within the host's shadow root only.
 * @event cos-edit-cancel - Cancel: nothing changes. Bubbles within the host's shadow root only.
 */
@customElement('cos-image-editor')
export class CosImageEditor extends LitElement {
  static override styles = editorStyles;

  /** URL of the image (an object URL of the chosen file). */
  @property() src = '';
  /** File name, for labels. */
  @property() label = '';
  /** The edit to start from (a previous one, to redo it). */
  @property({ attribute: false }) edit?: ImageEdit;
  /** Crop presets after free, 1:1, 4:3, 16:9: `"3:2 2:3"` (the uploader's `edit-aspects`). */
  @property() aspects = '';
  /** Replacements for any of the texts. */
  @property({ attribute: false }) strings?: Partial<EditorStrings>;
  /** A reason the last Apply was refused, shown in the editor. */
  @property() problem = '';

  /** Upright size of the loaded image (naturalWidth/Height: the browser applied the EXIF orientation). */
  @state() upright?: Size;
  @state() private current: ImageEdit = NO_EDIT;
  /** The crop box in the view's full-resolution pixels. */
  @state() private box: Rect = { x: 0, y: 0, width: 0, height: 0 };
  @state() private ratioLabel = 'free';
  @state() private loadFailed = false;
  #image?: HTMLImageElement;
  #drag?: Drag;

  /** Resolves once the image has loaded (or failed): the box and canvas are ready. */
  ready: Promise<void> = Promise.resolve();

  get #view(): Size {
    return this.upright ? viewSize(this.upright, this.current) : { width: 1, height: 1 };
  }

  get #scale(): number {
    const v = this.#view;
    return Math.min(1, MAX_PREVIEW.width / v.width, MAX_PREVIEW.height / v.height);
  }

  get #presets(): AspectPreset[] {
    return parseAspects(this.aspects).presets;
  }

  get #strings(): EditorStrings {
    return { ...EDITOR_STRINGS, ...this.strings };
  }

  get #ratio(): number | undefined {
    return this.#presets.find((a) => a.label === this.ratioLabel)?.ratio;
  }

  /** The edit as it would be applied now. */
  get value(): ImageEdit {
    const crop = normalizeCrop(this.box, this.#view);
    return { rotate: this.current.rotate, flip: this.current.flip, ...(crop && { crop }) };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src') && this.src) this.ready = this.#load(this.src);
    if (changed.has('edit')) this.#reset(this.edit ?? NO_EDIT);
  }

  #load(src: string): Promise<void> {
    const image = new Image();
    this.#image = image;
    this.loadFailed = false;
    return new Promise<void>((resolve) => {
      image.onload = () => {
        if (this.#image !== image) return resolve();
        this.upright = { width: image.naturalWidth, height: image.naturalHeight };
        this.#reset(this.edit ?? NO_EDIT);
        resolve();
      };
      image.onerror = () => {
        this.loadFailed = true;
        resolve();
      };
      image.src = src;
    }).then(() => this.updateComplete.then(() => undefined));
  }

  #reset(edit: ImageEdit): void {
    this.current = { rotate: edit.rotate, flip: edit.flip };
    if (this.upright) this.box = edit.crop ? { ...edit.crop } : fullBox(viewSize(this.upright, edit));
  }

  protected override updated(): void {
    this.#draw();
  }

  #draw(): void {
    // Not @query: its decorator module would split lit out of the first-load chunk (docs/bundle-size.md).
    const canvas = this.renderRoot.querySelector('canvas');
    const image = this.#image;
    if (!canvas || !image || !this.upright) return;
    const scale = this.#scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const { width: uw, height: uh } = this.upright;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    // The view is the upright picture turned, then mirrored: the last transform set applies first.
    ctx.translate(canvas.width / 2, canvas.height / 2);
    if (this.current.flip) ctx.scale(-1, 1);
    ctx.rotate((this.current.rotate * Math.PI) / 180);
    ctx.drawImage(image, (-uw * scale) / 2, (-uh * scale) / 2, uw * scale, uh * scale);
  }

  #turn(direction: 1 | -1): void {
    if (!this.upright) return;
    this.current = turnEdit({ ...this.current, crop: this.box }, this.upright, direction);
    this.box = this.current.crop ?? fullBox(this.#view);
  }

  #flip(axis: 'horizontal' | 'vertical'): void {
    if (!this.upright) return;
    this.current = flipEdit({ ...this.current, crop: this.box }, this.upright, axis);
    this.box = this.current.crop ?? fullBox(this.#view);
  }

  #choose(preset: AspectPreset): void {
    this.ratioLabel = preset.label;
    this.box = boxWithRatio(this.box, preset.ratio, this.#view);
  }

  #apply(): void {
    if (!this.upright) return;
    const edit = this.value;
    const detail = { edit, upright: this.upright, rule: editRule(edit, this.upright), identity: isIdentityEdit(edit, this.upright) };
    this.dispatchEvent(new CustomEvent<EditApplyDetail>('cos-edit-apply', { bubbles: true, detail }));
  }

  #cancel(): void {
    this.dispatchEvent(new CustomEvent('cos-edit-cancel', { bubbles: true }));
  }

  #onKeyDown = (event: KeyboardEvent) => {
    const target = event.composedPath()[0] as HTMLElement;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.#cancel();
    } else if (event.key === 'Enter' && target.localName !== 'button') {
      event.preventDefault();
      this.#apply();
    }
  };

  /** Arrows move the box one step (1% of the view), Shift+arrows resize it from its bottom-right corner. */
  #onBoxKey = (event: KeyboardEvent) => {
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const move = arrows[event.key];
    if (!move) return;
    event.preventDefault();
    const view = this.#view;
    const dx = move[0] * Math.max(1, Math.round(view.width / 100));
    const dy = move[1] * Math.max(1, Math.round(view.height / 100));
    this.box = event.shiftKey ? resizeBox(this.box, 'se', dx, dy, view, this.#ratio) : moveBox(this.box, dx, dy, view);
  };

  #onPointerDown(event: PointerEvent, kind: Drag['kind']): void {
    if (event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
    this.#drag = { kind, startX: event.clientX, startY: event.clientY, box: { ...this.box } };
    this.renderRoot.querySelector<HTMLElement>('.box')?.focus({ preventScroll: true });
  }

  /** A drag outside the box draws a new one from where it started (a plain click keeps the box). */
  #onStageDown = (event: PointerEvent) => {
    if (event.button !== 0) return;
    const bounds = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const scale = this.#scale;
    const at = { x: (event.clientX - bounds.left) / scale, y: (event.clientY - bounds.top) / scale };
    this.#onPointerDown(event, 'draw');
    this.#drag!.box = { ...at, width: 0, height: 0 };
  };

  #onPointerMove = (event: PointerEvent) => {
    const drag = this.#drag;
    if (!drag) return;
    const scale = this.#scale;
    const dx = (event.clientX - drag.startX) / scale;
    const dy = (event.clientY - drag.startY) / scale;
    if (drag.kind === 'move') this.box = moveBox(drag.box, dx, dy, this.#view);
    else if (drag.kind !== 'draw') this.box = resizeBox(drag.box, drag.kind, dx, dy, this.#view, this.#ratio);
    else if (dx || dy) {
      // The corner that follows the pointer is the one in the direction it went.
      const corner = `${dy < 0 ? 'n' : 's'}${dx < 0 ? 'w' : 'e'}` as Corner;
      this.box = resizeBox(drag.box, corner, dx, dy, this.#view, this.#ratio);
    }
  };

  #onPointerUp = () => {
    this.#drag = undefined;
  };

  override render() {
    const s = this.#strings;
    if (this.loadFailed) return html`<div part="editor" class="editor"><p class="problem" role="alert">${s.loadFailed}</p>${this.#footer(false)}</div>`;
    const view = this.#view;
    const scale = this.#scale;
    const shown = scaleBox(this.box, scale);
    const crop = normalizeCrop(this.box, view) ?? fullBox(view);
    const readout = formatMessage(s.readout, { width: crop.width, height: crop.height, x: crop.x, y: crop.y, rotate: this.current.rotate });
    const px = (n: number) => `${n}px`;
    return html`<div part="editor" class="editor" role="group" aria-label=${formatMessage(s.editorLabel, { name: this.label })} @keydown=${this.#onKeyDown}>
      <div class="tools" role="toolbar" aria-label=${s.tools}>
        <button type="button" class="turn-left" @click=${() => this.#turn(-1)}>${s.rotateLeft}</button>
        <button type="button" class="turn-right" @click=${() => this.#turn(1)}>${s.rotateRight}</button>
        <button type="button" class="flip-h" @click=${() => this.#flip('horizontal')}>${s.flipHorizontal}</button>
        <button type="button" class="flip-v" @click=${() => this.#flip('vertical')}>${s.flipVertical}</button>
        <button type="button" class="reset" @click=${() => this.#reset(NO_EDIT)}>${s.reset}</button>
      </div>
      <div class="aspects" role="radiogroup" aria-label=${s.aspect}>
        ${this.#presets.map((a) => html`<button type="button" role="radio" data-aspect=${a.label} aria-checked=${String(a.label === this.ratioLabel)}
          @click=${() => this.#choose(a)}>${a.ratio ? a.label : s.free}</button>`)}
      </div>
      <div class="stage" ${cssProps({ '--_w': px(Math.round(view.width * scale)), '--_h': px(Math.round(view.height * scale)) })}
        @pointerdown=${this.#onStageDown} @pointermove=${this.#onPointerMove} @pointerup=${this.#onPointerUp} @pointercancel=${this.#onPointerUp}>
        <canvas width=${Math.round(view.width * scale)} height=${Math.round(view.height * scale)} aria-hidden="true"></canvas>
        ${this.upright ? html`<div class="box" tabindex="0" role="group" aria-roledescription=${s.cropBox} aria-label=${readout}
          aria-describedby="keys" @keydown=${this.#onBoxKey} @pointerdown=${(e: PointerEvent) => this.#onPointerDown(e, 'move')}
          ${cssProps({ '--_x': px(shown.x), '--_y': px(shown.y), '--_bw': px(shown.width), '--_bh': px(shown.height) })}>
          ${(['nw', 'ne', 'sw', 'se'] as Corner[]).map((c) => html`<span class="handle ${c}" data-corner=${c} aria-hidden="true"
            @pointerdown=${(e: PointerEvent) => this.#onPointerDown(e, c)}></span>`)}
        </div>` : nothing}
      </div>
      <span class="readout" aria-live="polite">${readout}</span>
      <span id="keys" class="visually-hidden">${s.keys}</span>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      ${this.#footer(!!this.upright)}
    </div>`;
  }

  #footer(canApply: boolean) {
    const s = this.#strings;
    return html`<div class="footer">
      <button type="button" class="cancel" @click=${() => this.#cancel()}>${s.cancel}</button>
      <button type="button" class="apply" ?disabled=${!canApply} @click=${() => this.#apply()}>${s.apply}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cos-image-editor': CosImageEditor;
  }
}
