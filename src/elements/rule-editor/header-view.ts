/** The Pic-Operations text view: the whole header as JSON, editable, with the problems found in it. */
import { html, nothing, type TemplateResult } from 'lit';
import type { PicOperationsIssue } from '../../core/rules/index.js';
import type { RuleEditorStrings } from './strings.js';

export interface HeaderViewContext {
  strings: RuleEditorStrings;
  text: string;
  /** Problems of the header text and of the rules list as a whole; the same message shows once. */
  issues: PicOperationsIssue[];
  onInput: (text: string) => void;
  onChange: () => void;
}

export function renderHeaderView(ctx: HeaderViewContext): TemplateResult {
  const s = ctx.strings;
  const issues = ctx.issues.filter((i, n, all) => all.findIndex((j) => j.code === i.code && j.message === i.message) === n);
  return html`<section part="header" class="header-view field">
    <label for="header">${s.header}</label>
    <textarea id="header" rows="6" spellcheck="false" .value=${ctx.text}
      aria-invalid=${issues.some((i) => i.severity === 'error') ? 'true' : 'false'} aria-describedby="header-help header-msg"
      @input=${(e: Event) => ctx.onInput((e.target as HTMLTextAreaElement).value)} @change=${ctx.onChange}></textarea>
    <small class="help" id="header-help">${s.headerHelp}</small>
    <ul class="messages" id="header-msg">${issues.length ? issues.map((i) => html`<li class=${i.severity}>${i.message}</li>`) : nothing}</ul>
  </section>`;
}
