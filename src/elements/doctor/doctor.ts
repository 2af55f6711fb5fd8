import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Finding } from '../../core/doctor/types.js';
import { CosDoctorCompleteEvent } from '../../events/doctor-complete.js';
import { baseStyles, themeStyles } from '../shared/base.styles.js';
import { BucketConnection } from '../shared/bucket-connection.js';
import { LangController, formatMessage, pickStrings, resolveLang, toLocale } from '../shared/i18n.js';
import { styles } from './doctor.styles.js';
import { doctorStrings, type DoctorStrings } from './strings.js';

const ORDER: Record<Finding['severity'], number> = { error: 0, warning: 1, ok: 2 };

/**
 * @summary Checks a COS setup before the first upload (bucket, region, CORS, token backend, key scope, multipart, Cloud Infinite, clock, CSP) and lists each finding with its fix.
 * @csspart base - The wrapper around everything.
 * @csspart run - The "Check setup" button.
 * @csspart status - Progress and summary line (a live region).
 * @csspart findings - The list of errors and warnings.
 * @csspart finding - One finding; also `finding-error`, `finding-warning` or `finding-ok`.
 * @csspart code - A finding's stable code (e.g. `cors-expose-etag`).
 * @csspart message - What was found.
 * @csspart fix - The concrete change to make (console path, CORS rule, STS policy).
 * @csspart passed - The collapsed list of checks that passed.
 * @cssprop --cos-doctor-background - Background behind the element.
 * @cssprop --cos-doctor-radius - Corner radius (falls back to --cos-radius).
 * @cssprop --cos-doctor-warning - Warning colour.
 * @cssprop --cos-accent - Button colour.
 * @cssprop --cos-danger - Error colour.
 * @cssprop --cos-success - Colour of passed checks.
 * @event cos-doctor-complete - A check finished; detail carries the findings and the error and warning counts.
 */
@customElement('cos-doctor')
export class CosDoctor extends BucketConnection(LitElement) {
  static override styles = [baseStyles, themeStyles, styles];

  /**
   * Key prefix the uploads use; probe objects go to `<prefix>.cos-uploader-check/`. Attribute `prefix`; the
   * property is `keyPrefix`, as on `<cos-uploader>`, so it does not shadow the DOM's read-only `Element.prefix`.
   */
  @property({ attribute: 'prefix' }) keyPrefix = '';
  /** The uploads use no Pic-Operations: a bucket without Cloud Infinite is then only a warning. */
  @property({ type: Boolean, attribute: 'no-processing' }) noProcessing = false;
  /** Runs the check instead of the element's own settings (`<cos-uploader>` passes its `checkSetup`). */
  @property({ attribute: false }) runner?: () => Promise<Finding[]>;
  /** The findings shown; set by `check()`, or by the page. */
  @property({ attribute: false }) findings?: Finding[];
  /** Forces `light` or `dark`; by default the system setting decides. */
  @property({ reflect: true }) theme?: 'light' | 'dark';
  /** Replacement texts for any of the built-in strings. */
  @property({ attribute: false }) strings?: Partial<DoctorStrings>;

  @state() private running = false;
  @state() private failure = '';
  @state() private copied = -1;

  constructor() {
    super();
    new LangController(this);
  }

  get #strings(): DoctorStrings {
    return pickStrings(doctorStrings, toLocale(resolveLang(this)), this.strings);
  }

  /** Runs every check and shows the findings; resolves with them (also sent as `cos-doctor-complete`). */
  async check(): Promise<Finding[]> {
    this.running = true;
    this.failure = '';
    try {
      const findings = this.runner ? await this.runner() : await this.#runOwn();
      this.findings = findings;
      this.dispatchEvent(CosDoctorCompleteEvent.from(findings));
      return findings;
    } catch (err) {
      this.failure = (err as Error)?.message ?? String(err);
      throw err;
    } finally {
      this.running = false;
    }
  }

  async #runOwn(): Promise<Finding[]> {
    const { runBrowserDoctor } = await import('./browser-doctor.js');
    const { bucket, region, endpoint, tokenUrl, signUrl, tokenProvider, keyPrefix: prefix } = this;
    return runBrowserDoctor({ bucket, region, endpoint: endpoint || undefined, tokenUrl: tokenUrl || undefined, signUrl: signUrl || undefined, tokenProvider, prefix, processing: !this.noProcessing });
  }

  #copy(index: number, text: string): void {
    void navigator.clipboard?.writeText(text).then(() => (this.copied = index), () => undefined);
  }

  override render() {
    const s = this.#strings;
    const findings = [...(this.findings ?? [])].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
    const problems = findings.filter((f) => f.severity !== 'ok');
    const passed = findings.filter((f) => f.severity === 'ok');
    const errors = problems.filter((f) => f.severity === 'error').length;
    let status = this.findings ? (problems.length ? formatMessage(s.summary, { errors, warnings: problems.length - errors }) : s.allGood) : s.intro;
    if (this.running) status = s.running;
    if (this.failure) status = formatMessage(s.failed, { message: this.failure });
    return html`<div part="base" class="base">
      <header>
        <h2>${s.title}</h2>
        <button type="button" part="run" ?disabled=${this.running} @click=${() => this.check().catch(() => undefined)}>${s.run}</button>
      </header>
      <p part="status" class="status" role="status" aria-live="polite">${status}</p>
      ${problems.length ? html`<ul part="findings">${problems.map((f, i) => this.#renderFinding(f, i, s))}</ul>` : nothing}
      ${passed.length
        ? html`<details part="passed"><summary>${formatMessage(s.passed, { count: passed.length })}</summary>
            <ul>${passed.map((f, i) => this.#renderFinding(f, problems.length + i, s))}</ul></details>`
        : nothing}
    </div>`;
  }

  #renderFinding(f: Finding, index: number, s: DoctorStrings): TemplateResult {
    return html`<li part="finding finding-${f.severity}" class="finding ${f.severity}">
      <div class="head"><span class="severity">${s[f.severity]}</span><code part="code">${f.code}</code></div>
      <p part="message" class="message">${f.message}</p>
      ${f.fix
        ? html`<div class="fix-label">${s.fix}
              <button type="button" class="secondary" @click=${() => this.#copy(index, f.fix)}>${this.copied === index ? s.copied : s.copy}</button></div>
            <pre part="fix">${f.fix}</pre>`
        : nothing}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cos-doctor': CosDoctor;
  }
}
