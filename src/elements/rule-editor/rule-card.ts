/**
 * One rule of the editor: output key and bucket, the list of operations with their forms, an "add operation"
 * picker and the rule's text, all kept in step by the element.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { findOperation, findParam, OPERATIONS, type ImageRule, type PicOperationsIssue, type RuleIssue } from '../../core/rules/index.js';
import { zhPackFor } from './locale-pack.js';
import { flatten, setParam, type EditorRule, type FlatItem } from './editor-state.js';
import { fieldFrame, textInput, type FieldEnv, type FieldMessage } from './field-widgets.js';
import { icons } from './icons.js';
import { renderOperationForm } from './op-fields.js';
import type { RuleEditorStrings } from './strings.js';
import type { Locale } from '../shared/i18n.js';
import { formatMessage } from '../shared/i18n.js';

export type RowAction = 'up' | 'down' | 'duplicate' | 'remove';

export interface CardContext {
  strings: RuleEditorStrings;
  locale: Locale;
  count: number;
  /** Pic-Operations issues about this rule's fileid / bucket. */
  fieldIssues: (index: number) => PicOperationsIssue[];
  keyOf: (item: object) => number;
  onRule: (index: number, action: RowAction) => void;
  onField: (index: number, field: 'fileid' | 'bucket', value: string) => void;
  onText: (index: number, text: string) => void;
  onModel: (index: number, edit: (model: ImageRule) => void) => void;
  onRow: (index: number, row: number, action: RowAction) => void;
  onRaw: (index: number, row: number, text: string) => void;
  onAdd: (index: number, name: string) => void;
}

/** Operations offered in the picker: standalone modifiers and info queries are left out. */
const ADDABLE = OPERATIONS.filter((o) => !o.modifierOf && o.segment !== 'info');

export function operationLabel(name: string, locale: Locale): string {
  const zh = zhPackFor(locale);
  return (zh ? zh.OPERATION_LABELS_ZH[name] : findOperation(name)?.label) ?? name;
}

const toMessages = (issues: { severity: 'error' | 'warning'; message: string }[]): FieldMessage[] =>
  issues.map(({ severity, message }) => ({ severity, message }));

function actions(label: string, index: number, count: number, s: RuleEditorStrings, act: (a: RowAction) => void): TemplateResult {
  const button = (action: RowAction, template: string, disabled = false) => html`<button type="button" class="icon ${action}"
    aria-label=${formatMessage(template, { name: label })} title=${formatMessage(template, { name: label })} ?disabled=${disabled}
    @click=${() => act(action)}>${icons[action]}</button>`;
  return html`<span class="actions">
    ${button('up', s.moveUp, index === 0)}${button('down', s.moveDown, index === count - 1)}${button('duplicate', s.duplicate)}${button('remove', s.remove)}
  </span>`;
}

function renderRow(rule: EditorRule, index: number, row: FlatItem, r: number, rows: FlatItem[], ctx: CardContext): TemplateResult {
  const s = ctx.strings;
  const issues = rule.issues.filter((i) => i.segment === row.segment && i.op === row.op);
  const item = row.item;
  const name = item.kind === 'op' ? item.name : item.kind === 'imageMogr2' ? 'imageMogr2' : s.rawText;
  const label = item.kind === 'op' ? operationLabel(item.name, ctx.locale) : name;
  const idPrefix = `r${rule.id}-o${ctx.keyOf(item)}`;
  const spec = item.kind === 'op' ? findOperation(item.name) : undefined;
  let body: TemplateResult | typeof nothing = nothing;
  let rest: RuleIssue[] = issues;
  if (item.kind === 'op' && spec) {
    const fieldKey = (i: RuleIssue) => {
      const key = i.param === undefined ? undefined : item.params[i.param]?.key;
      return key !== undefined && findParam(spec, key) ? key : undefined;
    };
    rest = issues.filter((i) => fieldKey(i) === undefined);
    body = renderOperationForm(item, spec, {
      idPrefix, strings: s, locale: ctx.locale,
      messagesFor: (key) => toMessages(issues.filter((i) => fieldKey(i) === key)),
      set: (key, value) => ctx.onModel(index, () => setParam(item, key, value)),
    });
  } else if (item.kind === 'raw') {
    const env: FieldEnv = { id: `${idPrefix}-raw`, label: s.rawText, messages: toMessages(issues), strings: s, locale: ctx.locale };
    rest = [];
    body = fieldFrame(env, textInput(env, item.text, (text) => ctx.onRaw(index, r, text), { onChange: true }));
  }
  return html`<li part="op" class="op" data-op=${ctx.keyOf(item)} aria-labelledby="${idPrefix}-title">
    <div class="op-head">
      <span class="op-title" id="${idPrefix}-title">${label}${item.kind === 'op' ? html` <code>${item.name}</code>` : nothing}</span>
      ${actions(label, r, rows.length, s, (a) => ctx.onRow(index, r, a))}
    </div>
    ${body}
    ${rest.length ? html`<ul class="messages">${rest.map((i) => html`<li class=${i.severity}>${i.message}</li>`)}</ul>` : nothing}
  </li>`;
}

export function renderRuleCard(rule: EditorRule, index: number, ctx: CardContext): TemplateResult {
  const s = ctx.strings;
  const heading = formatMessage(s.ruleHeading, { n: index + 1 });
  const rows = flatten(rule.model);
  const field = (name: 'fileid' | 'bucket', label: string, help: string, value: string) => {
    const env: FieldEnv = {
      id: `r${rule.id}-${name}`, label, help, strings: s, locale: ctx.locale,
      messages: toMessages(ctx.fieldIssues(index).filter((i) => i.path.endsWith(`.${name}`))),
    };
    return fieldFrame(env, textInput(env, value, (v) => ctx.onField(index, name, v)));
  };
  const textIssues = rule.issues.filter((i) => i.severity === 'error').length;
  const picker = `r${rule.id}-add`;
  return html`<li part="rule" class="rule" data-rule=${rule.id} aria-labelledby="r${rule.id}-heading">
    <div class="rule-head">
      <h3 id="r${rule.id}-heading" tabindex="-1">${heading}</h3>
      ${textIssues ? html`<span class="badge">${formatMessage(s.errorCount, { n: textIssues })}</span>` : nothing}
      ${actions(heading, index, ctx.count, s, (a) => ctx.onRule(index, a))}
    </div>
    <div class="meta">${field('fileid', s.fileid, s.fileidHelp, rule.fileid)}${field('bucket', s.bucket, s.bucketHelp, rule.bucket ?? '')}</div>
    <ol class="ops" aria-label=${formatMessage(s.operations, { n: index + 1 })}>
      ${repeat(rows, (row) => ctx.keyOf(row.item), (row, r) => renderRow(rule, index, row, r, rows, ctx))}
    </ol>
    <div class="add-op">
      <label for=${picker}>${s.chooseOperation}</label>
      <select id=${picker}>
        ${ADDABLE.map((o) => html`<option value=${o.name}>${operationLabel(o.name, ctx.locale)} (${o.name})</option>`)}
      </select>
      <button type="button" class="add-op-button" @click=${(e: Event) => {
        const select = (e.target as HTMLElement).closest('.add-op')!.querySelector('select')!;
        ctx.onAdd(index, select.value);
      }}>${s.addOperation}</button>
    </div>
    <div part="field" class="field rule-text">
      <label for="r${rule.id}-text">${s.ruleText}</label>
      <textarea id="r${rule.id}-text" rows="2" spellcheck="false" .value=${rule.text} aria-describedby="r${rule.id}-text-help"
        aria-invalid=${ifDefined(textIssues ? 'true' : undefined)}
        @input=${(e: Event) => ctx.onText(index, (e.target as HTMLTextAreaElement).value)}></textarea>
      <small class="help" id="r${rule.id}-text-help">${s.ruleTextHelp}</small>
    </div>
  </li>`;
}
