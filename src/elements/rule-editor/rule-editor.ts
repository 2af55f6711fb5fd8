import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  MAX_PIC_RULES, RULE_PRESETS, serializePicOperations, validatePicOperations, type ImageRule, type PicOperationRule, type PicOperationsIssue,
} from '../../core/rules/index.js';
import { CosRulesChangeEvent } from '../../events/rules-change.js';
import { baseStyles, themeStyles } from '../shared/base.styles.js';
import { LangController, formatMessage, pickStrings, resolveLang, toLocale } from '../shared/i18n.js';
import {
  addOperation, duplicateRow, editorRule, flatten, fromPicOperations, moveRow, readHeader, removeRow, setRawText, toPicOperations,
  withModel, withText, type EditorRule, type EditorState,
} from './editor-state.js';
import { ruleEditorLocaleReady, zhPackFor } from './locale-pack.js';
import { renderHeaderView } from './header-view.js';
import { OnImageSlot, type StageStrings } from './on-image-loader.js';
import { PreviewController, type PreviewUrlFn } from './preview.js';
import { previewBlocker, previewId, renderPreview } from './preview-view.js';
import { renderRuleCard, type CardContext, type RowAction } from './rule-card.js';
import { ruleEditorStyles } from './rule-editor.styles.js';
import { ruleEditorStrings, type RuleEditorStrings } from './strings.js';

const HEADER_PATHS = new Set(['', 'rules', 'is_pic_info']);

/**
 * @summary Visual editor for COS image-processing rules and the Pic-Operations header, with a live preview.
 *
 * Attributes: `value` (header JSON), `preview-key`, `theme` (`light`/`dark`), and the global `lang`
 * (`zh-CN` and other `zh*` tags show Simplified Chinese, anything else English; inherited from ancestors).
 * @csspart base - The editor's wrapper.
 * @csspart rule - One rule card.
 * @csspart op - One operation inside a rule.
 * @csspart field - A labelled field (operation parameter, fileid, bucket, rule text).
 * @csspart preview - The preview section.
 * @csspart preview-item - One preview figure (original or a rule's output).
 * @csspart header - The Pic-Operations text view.
 * @csspart stage - The on-image editor: the selected operation's input with its region, marker or resize handle.
 * @csspart compare - The before/after comparison of the original and a rule's output.
 * @cssprop --cos-editor-accent - Accent of buttons and operations (falls back to --cos-accent).
 * @cssprop --cos-editor-preview-size - Side of a preview frame (default 200px).
 * @cssprop --cos-editor-gap - Spacing between cards (default 12px).
 * @cssprop --cos-editor-stage-height - Height of the on-image editor and the comparison (default 320px).
 * @cssprop --cos-radius - Corner radius.
 * @cssprop --cos-font - Font family.
 * @event cos-rules-change - The user changed the rules; detail carries rules, model, picOperations (header), issues and valid.
 */
@customElement('cos-rule-editor')
export class CosRuleEditor extends LitElement {
  static override styles = [baseStyles, themeStyles, ruleEditorStyles];

  /** The Pic-Operations header value (JSON); also the `value` attribute. Set it to load rules. */
  @property() value = '';
  /** The rules as `{fileid, rule, bucket?}` objects; an alternative to `value`. */
  @property({ attribute: false }) rules: PicOperationRule[] = [];
  /** Key of a stored sample image used for the live preview. */
  @property({ attribute: 'preview-key' }) previewKey = '';
  /** Signs a download-time processing URL: `(key, rule) => url` ('' rule = original). Enables the preview. */
  @property({ attribute: false }) previewUrl?: PreviewUrlFn;
  /** Uploads a dropped/picked sample image and resolves its key. Enables "Sample image". */
  @property({ attribute: false }) uploadSample?: (file: File) => Promise<string>;
  /** `light` or `dark`; follows the system when absent. */
  @property({ reflect: true }) theme?: 'light' | 'dark';
  /** Replacement texts for any built-in string. */
  @property({ attribute: false }) strings?: Partial<RuleEditorStrings & StageStrings>;

  @state() private editor: EditorState = { isPicInfo: true, rules: [] };
  @state() private headerDraft?: string;
  @state() private headerIssues: PicOperationsIssue[] = [];
  @state() private sampleBusy = false;
  @state() private sampleMessage?: string;

  readonly #preview = new PreviewController(this);
  readonly #onImage = new OnImageSlot(this, { rules: () => this.editor.rules, keyOf: (item) => this.#keyOf(item), preview: this.#preview,
    edit: (index, change) => this.#edit(index, (r) => (change(), withModel(r))) });
  #emittedValue?: string;
  #emittedRules?: PicOperationRule[];
  readonly #keys = new WeakMap<object, number>();
  #nextKey = 1;
  #focusSelector?: string;

  constructor() {
    super();
    new LangController(this);
  }

  /** A render in Chinese waits for the Chinese pack (a chunk of its own), so no English shows first. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const ready = ruleEditorLocaleReady(toLocale(resolveLang(this)));
    return ready ? ready.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  #strings(): RuleEditorStrings {
    return pickStrings(ruleEditorStrings, toLocale(resolveLang(this)), this.strings);
  }

  #keyOf = (item: object): number => {
    let key = this.#keys.get(item);
    if (key === undefined) this.#keys.set(item, (key = this.#nextKey++));
    return key;
  };

  /** Lets rows of a re-parsed rule keep the DOM (and focus) of the rows at the same positions. */
  #inheritKeys(before: ImageRule, after: ImageRule): void {
    const old = flatten(before);
    flatten(after).forEach((row, i) => old[i] && !this.#keys.has(row.item) && this.#keys.set(row.item, this.#keyOf(old[i].item)));
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    const valueChanged = changed.has('value') && this.value !== this.#emittedValue;
    const rulesChanged = changed.has('rules') && this.rules !== this.#emittedRules;
    if (valueChanged && (this.value.trim() !== '' || !rulesChanged)) this.#loadHeader(this.value, false);
    else if (rulesChanged) this.#apply(fromPicOperations({ isPicInfo: this.editor.isPicInfo, rules: this.rules }), false);
    const wanted = this.editor.rules.filter((r) => !previewBlocker(r, this.#strings())).map((r) => ({ id: previewId(r), rule: r.text }));
    this.#preview.sync(this.previewKey, this.previewUrl, [{ id: 'original', rule: '' }, ...wanted, ...this.#onImage.sync(Boolean(this.previewKey && this.previewUrl))]);
  }

  protected override updated(): void {
    if (!this.#focusSelector) return;
    const target = this.renderRoot.querySelector<HTMLElement>(this.#focusSelector);
    this.#focusSelector = undefined;
    target?.focus();
  }

  /** Loads header text (from the `value` property or the text view); keeps the form when it is not a header. */
  #loadHeader(text: string, fromUser: boolean): void {
    if (text.trim() === '') {
      this.headerIssues = [];
      this.#apply({ isPicInfo: this.editor.isPicInfo, rules: [] }, fromUser);
      return;
    }
    const { state: next, issues } = readHeader(text);
    this.headerIssues = issues.filter((i) => HEADER_PATHS.has(i.path));
    if (!next) {
      this.headerDraft = text;
      return;
    }
    next.rules.forEach((rule, i) => {
      const old = this.editor.rules[i];
      if (!old) return;
      rule.id = old.id;
      this.#inheritKeys(old.model, rule.model);
    });
    this.#apply(next, fromUser);
  }

  /** Takes a new state, derives `value`/`rules` from it and, for user edits, fires cos-rules-change. */
  #apply(next: EditorState, fromUser: boolean): void {
    this.editor = next;
    const model = toPicOperations(next);
    const header = serializePicOperations(model);
    this.#emittedValue = this.value = header;
    this.#emittedRules = this.rules = model.rules;
    if (!fromUser) return;
    const issues = validatePicOperations(model);
    this.dispatchEvent(new CosRulesChangeEvent({
      rules: model.rules, model, picOperations: header, issues, valid: !issues.some((i) => i.severity === 'error'),
    }));
  }

  #edit(index: number, change: (rule: EditorRule) => EditorRule): void {
    const rules = [...this.editor.rules];
    rules[index] = change(rules[index]);
    this.headerDraft = undefined;
    this.#apply({ ...this.editor, rules }, true);
  }

  #setRules(rules: EditorRule[], focus?: string): void {
    this.headerDraft = undefined;
    this.#focusSelector = focus;
    this.#apply({ ...this.editor, rules }, true);
  }

  #onRule = (index: number, action: RowAction): void => {
    const rules = [...this.editor.rules];
    const rule = rules[index];
    if (action === 'remove') {
      rules.splice(index, 1);
      const next = rules[Math.min(index, rules.length - 1)];
      return this.#setRules(rules, next ? `[data-rule="${next.id}"] .remove` : '.add-rule');
    }
    if (action === 'duplicate') {
      rules.splice(index + 1, 0, editorRule({ ...toPicOperations({ isPicInfo: false, rules: [rule] }).rules[0] }));
      return this.#setRules(rules, `[data-rule="${rule.id}"] .duplicate`);
    }
    const target = index + (action === 'up' ? -1 : 1);
    [rules[index], rules[target]] = [rules[target], rules[index]];
    const edge = target === 0 || target === rules.length - 1;
    this.#setRules(rules, `[data-rule="${rule.id}"] .${edge ? (action === 'up' ? 'down' : 'up') : action}`);
  };

  #onRow = (index: number, row: number, action: RowAction): void => {
    const rule = this.editor.rules[index];
    const rows = flatten(rule.model);
    const ruleSel = `[data-rule="${rule.id}"]`;
    if (action === 'remove') {
      removeRow(rule.model, row);
      const next = rows[row + 1] ?? rows[row - 1];
      this.#focusSelector = next ? `${ruleSel} [data-op="${this.#keyOf(next.item)}"] .remove` : `${ruleSel} .add-op select`;
    } else if (action === 'duplicate') {
      duplicateRow(rule.model, row);
    } else {
      moveRow(rule.model, row, action === 'up' ? -1 : 1);
      const target = row + (action === 'up' ? -1 : 1);
      const edge = target === 0 || target === rows.length - 1;
      this.#focusSelector = `${ruleSel} [data-op="${this.#keyOf(rows[row].item)}"] .${edge ? (action === 'up' ? 'down' : 'up') : action}`;
    }
    this.#edit(index, withModel);
  };

  #cardContext(s: RuleEditorStrings): CardContext {
    const issues = validatePicOperations(toPicOperations(this.editor));
    return {
      strings: s, locale: toLocale(resolveLang(this)), count: this.editor.rules.length, keyOf: this.#keyOf,
      fieldIssues: (index) => issues.filter((i) => i.rule === index && !i.path.endsWith('.rule')),
      onRule: this.#onRule,
      onRow: this.#onRow,
      onField: (index, field, value) => this.#edit(index, (r) => ({ ...r, [field]: value })),
      onText: (index, text) => this.#edit(index, (r) => {
        const next = withText(r, text);
        this.#inheritKeys(r.model, next.model);
        return next;
      }),
      onModel: (index, change) => this.#edit(index, (r) => (change(r.model), withModel(r))),
      onRaw: (index, row, text) => this.#edit(index, (r) => (setRawText(flatten(r.model)[row], text), withText(r, withModel(r).text))),
      onAdd: (index, name) => this.#edit(index, (r) => (addOperation(r.model, name), withModel(r))),
    };
  }

  #addRule(rule: PicOperationRule): void {
    const added = editorRule(rule);
    this.#setRules([...this.editor.rules, added], `[data-rule="${added.id}"] h3`);
  }

  async #useSample(file: File): Promise<void> {
    if (!this.uploadSample) return;
    this.sampleBusy = true;
    this.sampleMessage = undefined;
    try {
      this.previewKey = await this.uploadSample(file);
      this.sampleMessage = file.name;
    } catch (error) {
      this.sampleMessage = formatMessage(this.#strings().previewFailed, { message: (error as Error).message });
    } finally {
      this.sampleBusy = false;
    }
  }

  override render() {
    const s = this.#strings();
    const full = this.editor.rules.length >= MAX_PIC_RULES;
    const card = this.#cardContext(s);
    const locale = toLocale(resolveLang(this));
    return html`<div part="base" class="editor">
      <div class="toolbar">
        <button type="button" class="add-rule" ?disabled=${full} aria-describedby="max-rules"
          @click=${() => this.#addRule({ fileid: `{name}_${this.editor.rules.length + 1}.{ext}`, rule: 'imageMogr2/thumbnail/200x' })}>${s.addRule}</button>
        <label>${s.presets}
          <select class="presets" ?disabled=${full} @change=${(e: Event) => {
            const select = e.target as HTMLSelectElement;
            const preset = RULE_PRESETS.find((p) => p.id === select.value);
            select.value = '';
            if (preset) this.#addRule(preset.rule);
          }}>
            <option value="">${s.presetsPlaceholder}</option>
            ${RULE_PRESETS.map((p) => html`<option value=${p.id}>${zhPackFor(locale)?.PRESET_LABELS_ZH[p.id] ?? p.label}</option>`)}
          </select></label>
        <label class="sub check"><input type="checkbox" class="pic-info" .checked=${this.editor.isPicInfo}
          @change=${(e: Event) => this.#apply({ ...this.editor, isPicInfo: (e.target as HTMLInputElement).checked }, true)} />${s.picInfo}</label>
        <small id="max-rules" class="help">${s.maxRules}</small>
      </div>
      ${this.editor.rules.length
        ? html`<ol class="rules" aria-label=${s.rules} @focusin=${this.#onImage.focusIn}>${repeat(this.editor.rules, (r) => r.id, (r, i) => renderRuleCard(r, i, card))}</ol>`
        : html`<p class="empty">${s.empty}</p>`}
      <div class="side">
        ${renderPreview(this.editor.rules, {
          strings: s, locale, preview: this.#preview, ready: Boolean(this.previewKey && this.previewUrl),
          sampleBusy: this.sampleBusy, sampleMessage: this.sampleMessage, canUpload: Boolean(this.uploadSample), onSample: (f) => void this.#useSample(f),
        })}
        ${this.previewKey && this.previewUrl ? this.#onImage.render(s, locale) : nothing}
        ${this.#renderHeader(s)}
      </div>
    </div>`;
  }

  #renderHeader(s: RuleEditorStrings) {
    return renderHeaderView({
      strings: s, text: this.headerDraft ?? this.value,
      issues: [...this.headerIssues, ...validatePicOperations(toPicOperations(this.editor)).filter((i) => i.path === 'rules')],
      onInput: (text) => ((this.headerDraft = text), this.#loadHeader(text, true)),
      onChange: () => { if (!this.headerIssues.some((i) => i.code === 'bad-json')) this.headerDraft = undefined; },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cos-rule-editor': CosRuleEditor;
  }
}
