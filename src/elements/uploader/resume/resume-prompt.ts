import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { baseStyles } from '../../shared/base.styles.js';
import { LangController, formatBytes, formatMessage, pickStrings, resolveLang, toLocale } from '../../shared/i18n.js';
import type { ResumeSession, ResumeVerdict } from './resume-session.js';
import { resumeStrings, type ResumeStrings } from './strings.js';

/**
 * The "N uploads were interrupted — Resume" notice `<cos-uploader>` shows after a reload when resume
 * records exist (docs/resume.md). Inside the uploader's shadow root as `part="resume"`; its inner parts
 * are exported: `resume-title`, `resume-list`, `resume-button`, `resume-message`.
 * @internal Made by the uploader's resume chunk; not a public element.
 */
@customElement('cos-resume-prompt')
export class CosResumePrompt extends LitElement {
  static override styles = [baseStyles, css`
    :host { display: block; }
    .box { display: grid; gap: 0.5rem; padding: 0.75rem 1rem; border: 1px solid var(--_border); border-radius: var(--_u-radius, 8px); background: var(--_surface); }
    .title { margin: 0; font-weight: 600; }
    ul { margin: 0; padding-inline-start: 1.25rem; color: var(--_muted); font-size: 0.8125rem; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    button { font: inherit; padding: 0.375rem 0.875rem; border-radius: var(--_u-radius, 8px); border: 1px solid var(--_u-accent, var(--_accent)); background: transparent; color: inherit; cursor: pointer; }
    button.primary { background: var(--_u-accent, var(--_accent)); border-color: transparent; color: var(--_on-accent); }
    button:disabled { opacity: 0.6; cursor: progress; }
    .message { margin: 0; color: var(--_danger); font-size: 0.8125rem; }
  `];

  /** Set by the resume chunk before the prompt is attached. */
  session!: ResumeSession;
  /** Overrides, from the uploader's `strings`. */
  strings?: Partial<ResumeStrings>;

  @state() private busy = false;
  @state() private messages: string[] = [];
  /** After a Resume click, the files left are those the user has to choose again. */
  @state() private reselect = false;

  constructor() {
    super();
    // A page-level language switch re-renders the notice, as it does the uploader.
    new LangController(this);
  }

  get #s(): ResumeStrings {
    return pickStrings(resumeStrings, toLocale(resolveLang(this)), this.strings);
  }

  override render() {
    const s = this.#s;
    const locale = toLocale(resolveLang(this));
    const records = this.session.records;
    const reselect = this.reselect;
    const title = records.length === 1 ? s.resumeOne : formatMessage(s.resumeInterrupted, { count: records.length });
    return html`
      <section class="box" aria-labelledby="title">
        ${records.length === 0 ? nothing : html`
          <p id="title" class="title" part="resume-title" role="status">${reselect ? formatMessage(s.resumeReselect, { names: records.map((r) => r.name ?? r.key).join(', ') }) : title}</p>
          <ul part="resume-list">
            ${records.map((r) => html`<li>${formatMessage(s.resumeItem, {
              name: r.name ?? r.key, size: formatBytes(r.size, locale), done: Object.keys(r.parts).length, parts: Math.max(1, Math.ceil(r.size / r.partSize)),
            })}</li>`)}
          </ul>
          <div class="actions">
            ${reselect
              ? html`<button class="primary" part="resume-button" @click=${() => this.session.host.openPicker()}>${s.resumeSelectFiles}</button>`
              : html`<button class="primary" part="resume-button" ?disabled=${this.busy} @click=${this.#resume}>${s.resumeAction}</button>`}
            <button part="resume-button" ?disabled=${this.busy} @click=${this.#discard}>${s.resumeDiscard}</button>
          </div>`}
        ${this.messages.length === 0 ? nothing : html`<div role="alert">${this.messages.map((m) => html`<p class="message" part="resume-message">${m}</p>`)}</div>`}
        ${this.messages.length === 0 || records.length > 0 ? nothing : html`<div class="actions">
          <button part="resume-button" @click=${this.#dismiss}>${s.resumeDismiss}</button>
        </div>`}
      </section>
    `;
  }

  #resume = async () => {
    this.busy = true;
    try {
      const verdicts = await this.session.resume();
      this.messages = [];
      for (const verdict of verdicts) this.#refuse(verdict);
      this.reselect = this.session.records.length > 0;
    } finally {
      this.busy = false;
      this.#settle();
    }
  };

  #refuse(verdict: ResumeVerdict): void {
    if (verdict.state !== 'changed' && verdict.state !== 'missing') return;
    const message = this.say(verdict.state === 'changed' ? 'resumeChanged' : 'resumeMissing', verdict.record.name ?? verdict.record.key);
    this.session.reject(verdict, message);
  }

  #dismiss = () => {
    this.messages = [];
    this.#settle();
  };

  #discard = async () => {
    this.busy = true;
    await this.session.discard().finally(() => (this.busy = false));
    this.messages = [];
    this.#settle();
  };

  /** Adds a refusal to the notice (`{name}` filled in) and returns its text. */
  say(key: 'resumeChanged' | 'resumeMissing' | 'handleUnreadable', name: string): string {
    const message = formatMessage(this.#s[key], { name });
    this.messages = [...this.messages, message];
    return message;
  }

  /** A file the user chose again (cos-file-added): its line goes. */
  chosenAgain(file: File): void {
    if (!this.reselect) return;
    this.session.chosenAgain(file);
    this.#settle();
  }

  /** Leaves once nothing is listed or said. */
  #settle(): void {
    if (this.session.records.length > 0 || this.messages.length > 0) return void this.requestUpdate();
    // Focus on a button that goes away would fall to the page: hand it to the drop zone.
    const focused = this.shadowRoot?.activeElement;
    this.remove();
    if (focused) this.session.host.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cos-resume-prompt': CosResumePrompt;
  }
}
