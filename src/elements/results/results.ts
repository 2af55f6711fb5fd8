import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { UploadResult } from '../../core/types.js';
import { baseStyles, themeStyles } from '../shared/base.styles.js';
import { LangController, pickStrings, resolveLang, toLocale } from '../shared/i18n.js';
import { ResultActions, type ImageJobRequest, type ImageJobStatus } from './result-actions.js';
import { renderResult, type ResultViewContext } from './result-view.js';
import { styles } from './results.styles.js';
import { resultsStrings, type ResultsStrings } from './strings.js';

/**
 * @summary Shows Cloud Infinite results: the original's ImageInfo and each processed object as a signed thumbnail.
 * @csspart grid - The list of processed objects of one result.
 * @csspart item - One processed object.
 * @csspart image - A processed object's thumbnail.
 * @csspart caption - A processed object's key, format, dimensions, size and link.
 * @cssprop --cos-results-accent - Link and button colour (falls back to --cos-accent).
 * @cssprop --cos-results-background - Background behind the element (`transparent` to blend in).
 * @cssprop --cos-results-thumbnail-size - Thumbnail width in the compact layout.
 * @cssprop --cos-results-radius - Corner radius (falls back to --cos-radius).
 * @cssprop --cos-font - Font family.
 */
@customElement('cos-results')
export class CosResults extends LitElement {
  static override styles = [baseStyles, themeStyles, styles];

  /** One UploadResult (PUT / Complete / image_process response) or a list of them. */
  @property({ attribute: false }) results?: UploadResult | readonly UploadResult[];
  /** `detailed` shows every field and the "process again" form; `compact` shows thumbnails with short captions. */
  @property({ reflect: true }) layout: 'compact' | 'detailed' = 'detailed';
  /** Accessible name of the whole list. */
  @property() label = '';
  /** Forces `light` or `dark`; by default the system setting decides. */
  @property({ reflect: true }) theme?: 'light' | 'dark';
  /** Replacement texts for any of the built-in strings. */
  @property({ attribute: false }) strings?: Partial<ResultsStrings>;
  /** Returns a signed GET URL for a key (e.g. `client.getObjectUrl(key)`); without it no thumbnail is shown. */
  @property({ attribute: false }) urlFor?: (key: string) => Promise<string>;
  /** Runs `POST ?image_process` on a stored key with a Pic-Operations value (e.g. `client.imageProcess`). */
  @property({ attribute: false }) processAgain?: (key: string, picOperations: string) => Promise<UploadResult>;
  /** Submits an asynchronous picture job. */
  @property({ attribute: false }) submitJob?: (request: ImageJobRequest) => Promise<ImageJobStatus>;
  /** Reads a job's status; polled every `poll-interval` ms until the job ends. */
  @property({ attribute: false }) jobStatus?: (jobId: string) => Promise<ImageJobStatus>;
  /** Milliseconds between job status polls. */
  @property({ attribute: 'poll-interval', type: Number }) pollInterval = 1000;

  #urls = new Map<string, string | null>();
  #pending = new Set<string>();
  #urlSource?: (key: string) => Promise<string>;
  readonly #actions = new ResultActions(this, () => ({
    processAgain: this.processAgain,
    submitJob: this.submitJob,
    jobStatus: this.jobStatus,
    pollInterval: this.pollInterval,
  }));

  constructor() {
    super();
    new LangController(this);
  }

  /** The results as a list. */
  get #list(): readonly UploadResult[] {
    if (!this.results) return [];
    return Array.isArray(this.results) ? this.results : [this.results as UploadResult];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('urlFor') && this.urlFor !== this.#urlSource) {
      this.#urls.clear();
      this.#pending.clear();
      this.#urlSource = this.urlFor;
    }
  }

  /** Signs each key once; a failed signature shows "No preview" instead of a broken image. */
  #imageUrl(key: string): string | null | undefined {
    if (this.#urls.has(key)) return this.#urls.get(key);
    if (this.#pending.has(key)) return undefined;
    const urlFor = this.urlFor;
    if (!urlFor) return null;
    this.#pending.add(key);
    Promise.resolve()
      .then(() => urlFor(key))
      .then(
        (url) => this.#settleUrl(urlFor, key, url),
        () => this.#settleUrl(urlFor, key, null),
      );
    return undefined;
  }

  #settleUrl(source: (key: string) => Promise<string>, key: string, url: string | null): void {
    if (source !== this.urlFor) return;
    this.#pending.delete(key);
    this.#urls.set(key, url);
    this.requestUpdate();
  }

  override render() {
    const locale = toLocale(resolveLang(this));
    const strings = pickStrings(resultsStrings, locale, this.strings);
    const ctx: ResultViewContext = {
      strings,
      locale,
      layout: this.layout,
      imageUrl: (key) => this.#imageUrl(key),
    };
    const list = this.#list;
    return html`<div class="results" role="group" aria-label=${this.label || strings.listLabel}>
      ${list.length === 0 ? html`<p class="empty">${strings.noResults}</p>` : nothing}
      ${list.map((result) => {
        const key = result.originalInfo.key;
        const actions = this.layout === 'detailed' ? this.#actions.render(key, strings) : nothing;
        return renderResult(result, this.#actions.extraFor(key), ctx, actions);
      })}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cos-results': CosResults;
  }
}
