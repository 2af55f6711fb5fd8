import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { expandFileId, resolveFileId } from '../../core/rules/file-id.js';
import type { ProcessedObject, UploadResult } from '../../core/types.js';
import { formatMessage } from '../shared/i18n.js';
import { resultsStrings, type ResultsStrings } from './strings.js';

/** An asynchronous picture job to run on a stored object (docs/protocol.md#picture-jobs). */
export interface ImageJobRequest {
  key: string;
  rule: string;
  outputKey: string;
}

/** A job as its API reports it; `state` is COS's (Submitted, Running, Success, Failed…). */
export interface ImageJobStatus {
  jobId: string;
  state: string;
  message?: string;
  output?: ProcessedObject;
}

/** The page's or uploader's hooks: `POST ?image_process` and a job API. */
export interface ResultHooks {
  processAgain?: (key: string, picOperations: string) => Promise<UploadResult>;
  submitJob?: (request: ImageJobRequest) => Promise<ImageJobStatus>;
  jobStatus?: (jobId: string) => Promise<ImageJobStatus>;
  pollInterval: number;
}

interface ActionState {
  busy: boolean;
  message?: string;
  failure?: { text: string; requestId?: string };
  extra: ProcessedObject[];
}

const FINAL_STATES = /^(success|failed|cancel(l?ed)?)$/i;
const MAX_POLLS = 600;

type Grammar = typeof import('../../core/rules/pic-operations.js');
let grammar: Grammar | undefined;
let grammarLoading: Promise<Grammar> | undefined;

/**
 * The rule grammar, to check a rule before processing again: loaded when the form is first focused (or at the
 * first run), not with the results, which only show objects (docs/bundle-size.md#chunks). A failed load is forgotten.
 */
function loadGrammar(): Promise<Grammar> {
  grammarLoading ??= import('../../core/rules/pic-operations.js').then(
    (module) => (grammar = module),
    (err: unknown) => {
      grammarLoading = undefined;
      throw err;
    },
  );
  return grammarLoading;
}

/**
 * "Process again" and "submit a job" for each original key: builds the Pic-Operations for one rule,
 * calls the hooks, polls job status until it ends, and keeps the new processed objects to show.
 */
export class ResultActions implements ReactiveController {
  #states = new Map<string, ActionState>();
  #timers = new Set<ReturnType<typeof setTimeout>>();
  /** The texts of the latest render, for messages made between renders. */
  #strings: ResultsStrings = resultsStrings.en;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly hooks: () => ResultHooks,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  /** Objects made for `key` since the result was set. */
  extraFor(key: string): readonly ProcessedObject[] {
    return this.#states.get(key)?.extra ?? [];
  }

  /** The form under a result; nothing when no hook is there to act. */
  render(key: string, s: ResultsStrings): TemplateResult | typeof nothing {
    const { processAgain, submitJob, jobStatus } = this.hooks();
    const canJob = Boolean(submitJob && jobStatus);
    if (!processAgain && !canJob) return nothing;
    this.#strings = s;
    const state = this.#states.get(key);
    return html`<form class="actions" @submit=${(event: SubmitEvent) => this.#onSubmit(event, key)}
      @focusin=${() => grammar || loadGrammar().catch(() => undefined)}>
      <span class="label">${s.processAgain}</span>
      <label>${s.rule} <input name="rule" required autocomplete="off" placeholder="imageMogr2/thumbnail/200x/format/webp" /></label>
      <label>${s.outputKey} <input name="fileid" required autocomplete="off" placeholder="{name}_v2.{ext}" /></label>
      <span class="buttons">
        ${processAgain ? html`<button type="submit" value="process" ?disabled=${state?.busy}>${s.run}</button>` : nothing}
        ${canJob ? html`<button type="submit" value="job" ?disabled=${state?.busy}>${s.submitJob}</button>` : nothing}
      </span>
      <p class="status" role="status">${state?.message ?? nothing}${state?.failure
          ? html`<span class="failure">${formatMessage(s.failed, { message: state.failure.text })}</span>${state.failure.requestId
              ? html`<span class="request-id">${formatMessage(s.requestId, { id: state.failure.requestId })}</span>`
              : nothing}`
          : nothing}</p>
    </form>`;
  }

  #update(key: string, change: Partial<ActionState>): ActionState {
    const state = { ...(this.#states.get(key) ?? { busy: false, extra: [] }), ...change };
    this.#states.set(key, state);
    this.host.requestUpdate();
    return state;
  }

  #onSubmit(event: SubmitEvent, key: string): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const rule = String(data.get('rule') ?? '').trim();
    const fileid = String(data.get('fileid') ?? '').trim();
    const mode = (event.submitter as HTMLButtonElement | null)?.value === 'job' ? 'job' : 'process';
    void (mode === 'job' ? this.#submit(key, rule, fileid) : this.#process(key, rule, fileid));
  }

  async #process(key: string, rule: string, fileid: string): Promise<void> {
    const { processAgain } = this.hooks();
    if (!processAgain) return;
    const strings = this.#strings;
    this.#update(key, { busy: true, message: strings.processing, failure: undefined });
    try {
      const { buildPicOperations } = grammar ?? (await loadGrammar());
      const header = buildPicOperations({ isPicInfo: true, rules: [{ fileid, rule }] }, { file: { name: key } });
      const result = await processAgain(key, header);
      const extra = [...this.extraFor(key), ...result.processResults];
      this.#update(key, { busy: false, extra, message: formatMessage(strings.processed, { key: result.processResults.map((o) => o.key).join(', ') }) });
    } catch (err) {
      this.#update(key, { busy: false, message: undefined, failure: describe(err) });
    }
  }

  async #submit(key: string, rule: string, fileid: string): Promise<void> {
    const { submitJob } = this.hooks();
    if (!submitJob) return;
    this.#update(key, { busy: true, message: this.#strings.processing, failure: undefined });
    try {
      const outputKey = resolveFileId(key, expandFileId(fileid, { name: key }));
      const status = await submitJob({ key, rule, outputKey });
      this.#onJob(key, status, 0);
    } catch (err) {
      this.#update(key, { busy: false, message: undefined, failure: describe(err) });
    }
  }

  #onJob(key: string, status: ImageJobStatus, polls: number): void {
    const message = formatMessage(this.#strings.jobState, { id: status.jobId, state: status.state });
    if (FINAL_STATES.test(status.state) || polls >= MAX_POLLS) {
      const ok = /^success$/i.test(status.state);
      const extra = ok && status.output ? [...this.extraFor(key), status.output] : [...this.extraFor(key)];
      this.#update(key, { busy: false, message, extra, failure: ok ? undefined : status.message ? { text: status.message } : undefined });
      return;
    }
    this.#update(key, { busy: true, message });
    const timer = setTimeout(async () => {
      this.#timers.delete(timer);
      try {
        this.#onJob(key, await this.hooks().jobStatus!(status.jobId), polls + 1);
      } catch (err) {
        this.#update(key, { busy: false, failure: describe(err) });
      }
    }, this.hooks().pollInterval);
    this.#timers.add(timer);
  }
}

function describe(err: unknown): { text: string; requestId?: string } {
  const e = err as { code?: string; message?: string; requestId?: string };
  const text = e?.code && e.message ? `${e.code}: ${e.message}` : (e?.message ?? String(err));
  return { text, requestId: e?.requestId };
}
