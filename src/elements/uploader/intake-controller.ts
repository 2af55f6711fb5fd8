import type { UploadManagerApi } from '../../core/types.js';
import type { Locale } from '../shared/i18n.js';
import type { PickedFile } from './dropped-files.js';
import { configProblems, planIntake, refuseAll, type IntakePlan, type IntakeRefusal, type IntakeSettings } from './intake.js';
import { objectKeyFor } from './keys.js';
import { choosePicOperations, isProcessableImage, picChecksReady, picOperationsFor } from './pic-operations.js';
import type { UploaderStrings } from './strings.js';
import { UploadController, UploaderConfigError, isActive, type ManagerHooks } from './upload-controller.js';

/**
 * Files taken per task; about a frame's worth of work on a modest laptop. A picked file's first size read asks the
 * browser process for it (0.1–0.25 ms each), and with a client that answers at once a slice's uploads run to the end
 * in the same task: 200 made tasks of 300 ms on a loaded machine (docs/many-files-throughput.md#long-tasks).
 */
const SLICE = 100;

/** Resolves in a later task, so the page can paint and handle input in between. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** What the intake needs from `<cos-uploader>`. */
export interface IntakeHost {
  settings(): IntakeSettings;
  disabled(): boolean;
  strings(): UploaderStrings;
  locale(): Locale;
  /** The raw text of an attribute, for messages about it. */
  attribute(name: string): string | null;
  uploads(): UploadController;
  /** The Pic-Operations header to send with the upload, or undefined when the rules run as jobs afterwards. */
  divert(file: Blob, header: string | undefined): string | undefined;
  /** A file was refused: show why and fire cos-file-rejected. */
  reject(refusal: IntakeRefusal): void;
}

/**
 * Files on their way into the queue: every check happens here, before the manager sees a file, so a
 * refused file never causes a request. Keys and Pic-Operations are decided per file at intake and
 * handed to the manager through its hooks.
 */
export class UploaderIntake {
  readonly #planned = new WeakMap<Blob, IntakePlan['ready'][number]>();
  readonly hooks: ManagerHooks;

  constructor(private readonly host: IntakeHost) {
    this.hooks = {
      keyFor: (file) => this.#planned.get(file)?.key ?? objectKeyFor(host.settings().keyPrefix, file.name ?? ''),
      picOperationsFor: (file, key) => this.#picOperationsFor(file, key),
      beforeStart: (upload) => host.uploads().beforeStart(upload),
    };
  }

  /**
   * Takes files in slices of SLICE: the first at once (its requests go out right away), the rest each in a
   * task of its own, so 10,000 chosen files never hold the page in one long task (docs/many-files.md).
   */
  add(picked: PickedFile[]): void {
    if (this.host.disabled() || picked.length === 0) return;
    // Pic-Operations checks still loading (their chunk; normally there since the first render): the files wait.
    const { picOperations, rules } = this.host.settings();
    const checks = picChecksReady(picOperations, rules);
    if (checks) return void checks.then(() => this.add(picked), (err) => this.#refuseAll(picked, err, []));
    this.host.uploads().moreComing = this.#moreComing;
    const slices: PickedFile[][] = [];
    for (let i = 0; i < picked.length; i += SLICE) slices.push(picked.slice(i, i + SLICE));
    if (this.#backlog === 0) this.#addSlice(slices.shift()!);
    for (const slice of slices) {
      this.#backlog += 1;
      this.#later = this.#later.then(nextTask).then(() => {
        this.#backlog -= 1;
        this.#addSlice(slice);
        if (this.#backlog === 0) this.host.uploads().moreDone();
      });
    }
  }

  #backlog = 0;
  #later: Promise<void> = Promise.resolve();
  // Made here, not in add(): a closure made there would keep the whole last batch of picked files alive.
  readonly #moreComing = () => this.#backlog > 0;

  #addSlice(picked: PickedFile[]): void {
    const host = this.host;
    const problems = configProblems(host.settings(), host.strings(), (name) => host.attribute(name));
    const refuse = (err: unknown) => this.#refuseAll(picked, err, problems);
    if (problems.length) return refuse(new UploaderConfigError(problems[0]));
    host.uploads().withManager((manager) => this.#take(manager, picked), refuse);
  }

  #picOperationsFor(file: Blob & { name?: string }, key: string): string | undefined {
    const planned = this.#planned.get(file);
    if (planned) return this.host.divert(file, planned.picOperations);
    const { picOperations, rules } = this.host.settings();
    const { header } = choosePicOperations(picOperations, rules);
    return this.host.divert(file, header && isProcessableImage(file) ? picOperationsFor(header, key).header : undefined);
  }

  #refuseAll(picked: PickedFile[], err: unknown, problems: string[]): void {
    const s = this.host.strings();
    const reason = err instanceof UploaderConfigError ? (problems[0] ?? s.configMissing) : (err as Error).message;
    for (const refusal of refuseAll(picked, reason, s)) this.host.reject(refusal);
  }

  #take(manager: UploadManagerApi, picked: PickedFile[]): void {
    const s = this.host.strings();
    const settings = this.host.settings();
    let listed = manager.snapshot();
    if (!settings.multiple && listed.length > 0 && !listed.some(isActive)) {
      // A single-file field: a new file replaces the finished one.
      for (const upload of listed) manager.remove(upload.id);
      listed = [];
    }
    const plan = planIntake(picked, listed, settings, s, this.host.locale());
    for (const refusal of plan.refused) this.host.reject(refusal);
    if (plan.ready.length === 0) return;
    for (const item of plan.ready) this.#planned.set(item.file, item);
    try {
      manager.add(plan.ready.map((item) => item.file));
    } catch (err) {
      for (const refusal of refuseAll(plan.ready, (err as Error).message, s)) this.host.reject(refusal);
    } finally {
      // The manager asked its hooks while adding: the plans are not needed any more (one per listed file otherwise).
      for (const item of plan.ready) this.#planned.delete(item.file);
    }
  }
}
