import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { CosClient } from '../../core/client.js';
import { lazySignerTokenProvider } from '../../core/auth/lazy-signer.js';
import { createStsTokenProvider } from '../../core/auth/credentials-sts.js';
import { hasTokenSource, tokenProviderFor } from '../../core/auth/token-source.js';
import { SYNC_PROCESSING_LIMIT } from '../../core/ci/mode.js';
import type { UploadResult } from '../../core/types.js';
import { baseStyles, themeStyles } from '../shared/base.styles.js';
import { BucketConnection } from '../shared/bucket-connection.js';
import { LangController, formatMessage, pickStrings, resolveLang, toLocale } from '../shared/i18n.js';
import { loadElement } from '../shared/lazy-elements.js';
import { LibraryController } from './library-controller.js';
import { renderItem } from './library-item.js';
import { styles } from './library.styles.js';
import { libraryStrings, type LibraryStrings } from './strings.js';

const CLIENT_SETTINGS = ['bucket', 'region', 'endpoint', 'ciEndpoint', 'tokenUrl', 'signUrl', 'tokenProvider', 'client'] as const;
const PREVIEW_RULE = 'imageMogr2/thumbnail/320x320';

/**
 * @summary Lists the images stored under a prefix and reprocesses the selected ones with new rules (a media library).
 * Small images in small batches run at once (`POST ?image_process`); images over 32 MB, and batches larger than
 * `job-threshold`, run as asynchronous picture jobs. Each image shows its own progress and outcome.
 * @csspart toolbar - Refresh, selection and "apply rules" buttons with the run summary.
 * @csspart grid - The list of images.
 * @csspart item - One stored image.
 * @csspart thumbnail - An image's preview.
 * @csspart progress - An image's progress during a run.
 * @csspart error - An image's COS / CI error.
 * @cssprop --cos-library-accent - Selection, progress and primary button colour (falls back to --cos-accent).
 * @cssprop --cos-library-radius - Corner radius (falls back to --cos-radius).
 * @cssprop --cos-library-background - Background behind the element.
 * @cssprop --cos-library-thumbnail-size - Preview width.
 * @attr token-url - Backend URL handing out temporary keys; they must allow listing the bucket and picture jobs.
 * @event cos-processing-complete - One image was reprocessed; detail carries its key, the mode (`cloud` or `async`) and the outputs.
 * @event cos-processing-error - One image could not be reprocessed; detail carries the COS/CI error. The original is untouched.
 */
@customElement('cos-library')
export class CosLibrary extends BucketConnection(LitElement) {
  static override styles = [baseStyles, themeStyles, styles];

  /** CI base URL template for picture jobs; default `https://{Bucket}.ci.{Region}.myqcloud.com`. */
  @property({ attribute: 'ci-endpoint' }) ciEndpoint = '';
  /** A ready client (shared with the page); wins over every connection setting above. */
  @property({ attribute: false }) client?: CosClient;
  /**
   * Lists objects whose keys start with this (end it with `/` for a folder). Attribute `prefix`; the property is
   * `keyPrefix`, so it does not shadow the DOM's read-only `Element.prefix`.
   */
  @property({ attribute: 'prefix' }) keyPrefix = '';
  /** The Pic-Operations header (JSON) to apply, e.g. the value of a `<cos-rule-editor>`. */
  @property({ attribute: 'pic-operations' }) picOperations = '';
  /** Keys per GET Bucket page (1–1000). */
  @property({ attribute: 'page-size', type: Number }) pageSize = 100;
  /** With more images selected than this, all of them run as picture jobs. */
  @property({ attribute: 'job-threshold', type: Number }) jobThreshold = 5;
  /** Milliseconds between picture-job polls (it grows up to 5 s). */
  @property({ attribute: 'poll-interval', type: Number }) pollInterval = 1000;
  /** Forces `light` or `dark`; by default the system setting decides. */
  @property({ reflect: true }) theme?: 'light' | 'dark';
  /** Replacement texts for any of the built-in strings. */
  @property({ attribute: false }) strings?: Partial<LibraryStrings>;

  readonly #library = new LibraryController(this);
  #built?: CosClient;
  #previews = new Map<string, string | null>();

  constructor() {
    super();
    new LangController(this);
  }

  /** The client in use: the given one, or one built from the attributes (undefined while they are incomplete). */
  get activeClient(): CosClient | undefined {
    if (this.client) return this.client;
    if (!this.bucket || !this.region || !hasTokenSource(this)) return undefined;
    this.#built ??= new CosClient({
      bucket: this.bucket,
      region: this.region,
      endpoint: this.endpoint || undefined,
      ciEndpoint: this.ciEndpoint || undefined,
      tokenProvider: tokenProviderFor(this, {
        sts: (url) => createStsTokenProvider({ url }), signer: (url) => lazySignerTokenProvider({ url }),
      })!,
    });
    return this.#built;
  }

  /** Lists the prefix again from its first page. */
  refresh(): Promise<void> {
    const client = this.activeClient;
    this.#previews.clear();
    return client ? this.#library.list(client, this.keyPrefix, this.pageSize) : Promise.resolve();
  }

  /** Applies `pic-operations` to the selected images; resolves when every one has succeeded or failed. */
  async reprocessSelected(): Promise<void> {
    const client = this.activeClient;
    if (!client || !this.picOperations.trim()) return;
    await this.#library.reprocess(client, this.picOperations, { jobThreshold: this.jobThreshold, pollIntervalMs: this.pollInterval });
  }

  /** Keys currently selected. */
  get selectedKeys(): string[] {
    return [...this.#library.selected];
  }

  /** Selects the given keys (those listed); the rest are unselected. */
  select(keys: readonly string[]): void {
    this.#library.selectAll(false);
    for (const key of keys) if (this.#library.objects.some((o) => o.key === key)) this.#library.toggle(key, true);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const reconnect = CLIENT_SETTINGS.some((name) => changed.has(name));
    if (reconnect) this.#built = undefined;
    if (reconnect || changed.has('prefix') || changed.has('pageSize')) void this.refresh();
  }

  #preview(key: string, size: number): string | null | undefined {
    if (size > SYNC_PROCESSING_LIMIT) return null;
    if (this.#previews.has(key)) return this.#previews.get(key);
    const client = this.activeClient;
    if (!client) return null;
    this.#previews.set(key, null);
    client.getObjectUrl(key, { query: PREVIEW_RULE }).then(
      (url) => { this.#previews.set(key, url); this.requestUpdate(); },
      () => undefined,
    );
    return undefined;
  }

  override render() {
    const locale = toLocale(resolveLang(this));
    const s = pickStrings(libraryStrings, locale, this.strings);
    const lib = this.#library;
    const client = this.activeClient;
    const running = lib.running;
    const runs = lib.lastRun.map((key) => lib.progress.get(key)!).filter(Boolean);
    const done: UploadResult[] = runs.filter((p) => p.status === 'done' && p.result).map((p) => p.result!);
    return html`
      ${client ? nothing : html`<p class="notice" role="alert">${s.configMissing}</p>`}
      <div part="toolbar" class="toolbar">
        <button type="button" class="refresh" ?disabled=${!client || lib.loading || running} @click=${() => this.refresh()}>${s.refresh}</button>
        <button type="button" class="select-all" ?disabled=${running || lib.objects.length === 0}
          @click=${() => lib.selectAll(lib.selected.size < lib.objects.length)}>${lib.selected.size < lib.objects.length || lib.objects.length === 0 ? s.selectAll : s.selectNone}</button>
        <button type="button" class="primary reprocess" ?disabled=${!client || running || lib.selected.size === 0 || !this.picOperations.trim()}
          @click=${() => this.reprocessSelected()}>${formatMessage(s.reprocess, { count: lib.selected.size })}</button>
        ${runs.length ? html`<span class="summary" role="status">${formatMessage(s.summary, {
          done: done.length, failed: runs.filter((p) => p.status === 'failed').length, total: runs.length,
        })}</span>` : nothing}
      </div>
      ${this.picOperations.trim() ? nothing : html`<p class="empty">${s.noRules}</p>`}
      ${lib.listError ? html`<p part="error" class="notice" role="alert">${formatMessage(s.errorCode, { code: lib.listError.code })}: ${lib.listError.message}</p>` : nothing}
      <ul part="grid" class="grid" aria-label=${formatMessage(s.listLabel, { prefix: this.keyPrefix })} aria-busy=${lib.loading ? 'true' : 'false'}>
        ${repeat(lib.objects, (o) => o.key, (o) => renderItem(o, {
          strings: s,
          locale,
          selected: lib.selected.has(o.key),
          disabled: running,
          preview: this.#preview(o.key, o.size),
          progress: lib.progress.get(o.key),
          onToggle: (on) => lib.toggle(o.key, on),
        }))}
      </ul>
      ${lib.loading ? html`<p class="empty">${s.loading}</p>` : nothing}
      ${!lib.loading && client && lib.objects.length === 0 && !lib.listError ? html`<p class="empty">${formatMessage(s.empty, { prefix: this.keyPrefix })}</p>` : nothing}
      ${lib.skipped ? html`<p class="skipped">${formatMessage(s.skipped, { count: lib.skipped })}</p>` : nothing}
      ${lib.nextMarker && client ? html`<button type="button" class="more" ?disabled=${lib.loading} @click=${() => lib.list(client, this.keyPrefix, this.pageSize, true)}>${s.loadMore}</button>` : nothing}
      ${done.length ? this.#renderResults(done, s, client) : nothing}
    `;
  }

  #renderResults(results: UploadResult[], s: LibraryStrings, client: CosClient | undefined) {
    void loadElement('cos-results').catch(() => undefined);
    return html`<cos-results layout="compact" label=${s.resultsLabel} theme=${this.theme ?? nothing}
      .results=${results} .urlFor=${client ? (key: string) => client.getObjectUrl(key) : undefined}></cos-results>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cos-library': CosLibrary;
  }
}
