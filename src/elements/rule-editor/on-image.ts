/**
 * Editing rules on the image (docs/rule-editor.md): keeps which operation is edited on the image (the last one
 * focused in the form, or picked in the editor's own list), asks the preview for the image that operation
 * receives, and holds the comparison slider's position.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { formatRule } from '../../core/rules/index.js';
import type { ImageSize } from '../../core/rules/output-size.js';
import { storedSize } from '../../core/rules/jpeg-orientation.js';
import { inputSize, ruleBefore } from '../../core/rules/preview-geometry.js';
import { formatMessage, type Locale } from '../shared/i18n.js';
import { renderCompare } from './compare-view.js';
import type { EditorRule } from './editor-state.js';
import type { PreviewController } from './preview.js';
import { previewId } from './preview-view.js';
import { StageInput } from './stage-drag.js';
import { stageTargets, type StageTarget } from './stage-target.js';
import { stageStyles } from './stage.styles.js';
import { renderStage } from './stage-view.js';
import { stageStrings } from './stage-strings.js';
import type { RuleEditorStrings } from './strings.js';

export interface OnImageEnv {
  rules(): EditorRule[];
  keyOf(item: object): number;
  preview: PreviewController;
  /** Applies a change made to a rule's model in place (the element re-formats and reports it). */
  edit(ruleIndex: number, change: () => void): void;
}

const STAGE_ID = 'stage';

export class OnImageController implements ReactiveController {
  #selected?: number;
  #position = 50;
  #targets: StageTarget[] = [];
  #target?: StageTarget;
  #before = '';
  readonly input: StageInput;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly env: OnImageEnv) {
    host.addController(this);
    // The element's static styles leave these out so its own chunk stays small; they join its shadow root here.
    const root = host.shadowRoot;
    if (root && stageStyles.styleSheet && !root.adoptedStyleSheets.includes(stageStyles.styleSheet)) {
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, stageStyles.styleSheet];
    }
    this.input = new StageInput({
      target: () => this.#target,
      image: () => this.#image(),
      commit: (target, change) => this.env.edit(target.ruleIndex, change),
    });
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.input.hostDisconnected();
  }

  /** Resolves the edited operation for this update; returns the extra preview it needs (its input, if not the original). */
  sync(): { id: string; rule: string }[] {
    this.#targets = stageTargets(this.env.rules(), (item) => this.env.keyOf(item));
    this.#target = this.#targets.find((t) => t.key === this.#selected) ?? this.#targets[0];
    const t = this.#target;
    this.#before = t ? formatRule(ruleBefore(t.rule.model, t.row.segment, t.row.op)) : '';
    return t && this.#before ? [{ id: STAGE_ID, rule: this.#before }] : [];
  }

  select(key: number): void {
    if (this.#selected === key) return;
    this.#selected = key;
    this.host.requestUpdate();
  }

  /** Focus inside an operation of the form selects it, when it has an on-image tool. */
  readonly focusIn = (e: FocusEvent): void => {
    const row = (e.target as Element).closest<HTMLElement>('[data-op]');
    const key = Number(row?.dataset.op);
    if (this.#targets.some((t) => t.key === key)) this.select(key);
  };

  /** The stored pixel size of a preview (the browser reports it upright). */
  #stored(id: string): ImageSize | undefined {
    const r = this.env.preview.result(id);
    return r?.width && r.height ? storedSize({ width: r.width, height: r.height }, r.orientation ?? 1) : undefined;
  }

  /**
   * The pixel size of what the operation receives: predicted through earlier steps, else measured from their render.
   * The prediction does not model auto-orient, so a rotated original auto-oriented on the way is measured.
   */
  #image(): ImageSize | undefined {
    const t = this.#target;
    const original = this.#stored('original');
    if (!t || !original) return undefined;
    if (!this.#before) return original;
    const turned = (this.env.preview.result('original')?.orientation ?? 1) >= 5 && /(^|[/|])auto-orient([/|]|$)/.test(this.#before);
    return (turned ? undefined : inputSize(t.rule.model, t.row.segment, t.row.op, original)) ?? this.#stored(STAGE_ID);
  }

  /** `base` holds the element's strings with the page's overrides, which may name stage strings too. */
  render(base: RuleEditorStrings, locale: Locale): TemplateResult {
    const strings = { ...stageStrings(locale), ...base };
    const preview = this.env.preview;
    const input = this.#before ? preview.result(STAGE_ID) : preview.result('original');
    const rules = this.env.rules();
    const compared = this.#target?.rule ?? rules[0];
    const original = this.env.preview.result('original');
    return html`${renderStage({
      strings, locale, targets: this.#targets, target: this.#target, image: this.#image(), src: input?.src,
      loading: input?.status === 'loading', error: input?.status === 'error' ? input.message : undefined, input: this.input,
      onSelect: (key) => this.select(key),
      onImageLoad: (img) => this.#before && preview.setNaturalSize(STAGE_ID, img.naturalWidth, img.naturalHeight),
    })}
    ${compared && original?.width && original.height ? renderCompare({
      strings, rule: formatMessage(strings.ruleHeading, { n: rules.indexOf(compared) + 1 }),
      before: preview.result('original')?.src, after: preview.result(previewId(compared))?.src,
      ratio: `${original.width} / ${original.height}`, position: this.#position,
      onPosition: (n) => {
        this.#position = n;
        this.host.requestUpdate();
      },
    }) : ''}`;
  }
}
