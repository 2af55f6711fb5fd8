/**
 * Small input templates shared by the operation forms: labelled number, text and select inputs, the colour
 * picker and the 3×3 gravity picker. Every control has a label; help and messages are linked with aria-describedby.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { GRAVITIES } from '../../core/rules/index.js';
import { gravityLabels } from './locale-pack.js';
import type { RuleEditorStrings } from './strings.js';
import type { Locale } from '../shared/i18n.js';

export interface FieldMessage {
  severity: 'error' | 'warning';
  message: string;
}

/** Everything a field needs from the form around it. */
export interface FieldEnv {
  id: string;
  label: string;
  help?: string;
  messages: FieldMessage[];
  strings: RuleEditorStrings;
  locale: Locale;
}

export function describedBy(env: FieldEnv): string | undefined {
  const ids = [env.help ? `${env.id}-help` : '', env.messages.length ? `${env.id}-msg` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

const invalid = (env: FieldEnv) => (env.messages.some((m) => m.severity === 'error') ? 'true' : undefined);

/** The label/help/message frame around one or more controls. */
export function fieldFrame(env: FieldEnv, control: TemplateResult, options: { group?: boolean; radios?: boolean } = {}): TemplateResult {
  const label = options.group || options.radios
    ? html`<span class="label" id="${env.id}-label">${env.label}</span>`
    : html`<label class="label" for=${env.id}>${env.label}</label>`;
  return html`<div part="field" class="field">
    ${label}
    <div class="control" role=${ifDefined(options.group ? 'group' : undefined)} aria-labelledby=${ifDefined(options.group ? `${env.id}-label` : undefined)}>${control}</div>
    ${env.help ? html`<small class="help" id="${env.id}-help">${env.help}</small>` : nothing}
    ${env.messages.length
      ? html`<ul class="messages" id="${env.id}-msg">
          ${env.messages.map((m) => html`<li class=${m.severity}>${m.message}</li>`)}
        </ul>`
      : nothing}
  </div>`;
}

export function numberInput(env: FieldEnv, value: string, commit: (v: string) => void, range: { min?: number; max?: number; id?: string; label?: string } = {}): TemplateResult {
  return html`<input type="number" inputmode="numeric" step="1" id=${range.id ?? env.id} .value=${value}
    min=${ifDefined(range.min)} max=${ifDefined(range.max)} aria-label=${ifDefined(range.label)}
    aria-invalid=${ifDefined(invalid(env))} aria-describedby=${ifDefined(describedBy(env))}
    @change=${(e: Event) => commit((e.target as HTMLInputElement).value)} />`;
}

export function textInput(env: FieldEnv, value: string, commit: (v: string) => void, options: { type?: string; onChange?: boolean } = {}): TemplateResult {
  const handler = (e: Event) => commit((e.target as HTMLInputElement).value);
  return html`<input type=${options.type ?? 'text'} id=${env.id} .value=${value} spellcheck="false"
    aria-invalid=${ifDefined(invalid(env))} aria-describedby=${ifDefined(describedBy(env))}
    @input=${options.onChange ? nothing : handler} @change=${options.onChange ? handler : nothing} />`;
}

export function selectInput(env: FieldEnv, value: string, options: readonly { value: string; label: string }[], commit: (v: string) => void, id = env.id): TemplateResult {
  const known = options.some((o) => o.value === value);
  return html`<select id=${id} aria-invalid=${ifDefined(invalid(env))} aria-describedby=${ifDefined(describedBy(env))}
    @change=${(e: Event) => commit((e.target as HTMLSelectElement).value)}>
    ${known ? nothing : html`<option value=${value} selected>${value}</option>`}
    ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
  </select>`;
}

/** `<input type=color>` beside a text input for the exact value (legacy names like `white` stay editable). */
export function colorInput(env: FieldEnv, value: string, commit: (v: string) => void): TemplateResult {
  const hex = /^#[0-9a-f]{6}$/i.test(value) ? value.toLowerCase() : '#000000';
  return html`<input type="color" id=${env.id} .value=${hex} aria-describedby=${ifDefined(describedBy(env))}
      @input=${(e: Event) => commit((e.target as HTMLInputElement).value.toUpperCase())} />
    <input type="text" class="short" .value=${value} aria-label="${env.label} (${env.strings.colorText})" spellcheck="false"
      aria-invalid=${ifDefined(invalid(env))} @change=${(e: Event) => commit((e.target as HTMLInputElement).value.trim())} />`;
}

/** Nine radio buttons in a 3×3 grid (arrow keys move between them), plus "not set" when optional. */
export function gravityPicker(env: FieldEnv, value: string | undefined, optional: boolean, commit: (v: string | undefined) => void): TemplateResult {
  const names = gravityLabels(env.locale);
  const current = value?.toLowerCase();
  const choose = (g: string | undefined) => () => commit(g);
  return fieldFrame(
    env,
    html`<div class="gravity" role="radiogroup" aria-labelledby="${env.id}-label" aria-describedby=${ifDefined(describedBy(env))}>
      ${GRAVITIES.map((g) => html`<input type="radio" name=${env.id} id="${env.id}-${g}" value=${g} class="cell"
        aria-label=${names[g]} title=${names[g]} .checked=${current === g} @change=${choose(g)} />`)}
      ${optional ? html`<label class="unset"><input type="radio" name=${env.id} value="" .checked=${current === undefined}
        @change=${choose(undefined)} />${env.strings.notSet}</label>` : nothing}
    </div>`,
    { radios: true },
  );
}
