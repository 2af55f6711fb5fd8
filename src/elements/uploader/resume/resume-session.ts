import { fingerprintFile } from '../../../core/upload/fingerprint.js';
import { rememberHandle } from '../../../core/upload/file-handles.js';
import type { ResumeRecord, UploadManagerApi } from '../../../core/types.js';
import { CosFileRejectedEvent } from '../../../events/file-rejected.js';
import { fileChange, reopenHandle } from './file-system-access.js';
import type { ResumeHost } from './resume-host.js';

export type { ResumeHost } from './resume-host.js';

/** One interrupted upload after the Resume click: its file is back, must be chosen again, or was refused. */
export type ResumeVerdict =
  | { state: 'ready'; record: ResumeRecord; file: File }
  | { state: 'reselect'; record: ResumeRecord }
  | { state: 'changed' | 'missing'; record: ResumeRecord; file?: File };

/**
 * Reopens a recorded file from its handle and checks it is the file the upload began with: same size,
 * same lastModified, same fingerprint (which also covers the name, the key and the part size). Without a
 * handle, or without read permission, the user has to choose the file again (`reselect`). A file from a
 * dropped folder is found again below the folder's handle.
 */
export async function checkRecord(record: ResumeRecord): Promise<ResumeVerdict> {
  const handle = await reopenHandle(record.handle);
  if (handle === 'reselect' || handle === 'missing') return { state: handle, record };
  let file: File;
  try {
    file = await handle.getFile();
  } catch {
    return { state: 'missing', record };
  }
  if (fileChange(record, file)) return { state: 'changed', record, file };
  const fingerprint = await fingerprintFile({ file, key: record.key, partSize: record.partSize }).catch(() => undefined);
  if (fingerprint === undefined) return { state: 'missing', record, file };
  if (fingerprint !== record.fingerprint) return { state: 'changed', record, file };
  // What the record kept (for a dropped folder, its reference, not the file handle found through it: the folder's
  // permission covers a later resume).
  rememberHandle(file, record.handle);
  return { state: 'ready', record, file };
}

/**
 * The path under which the intake gives the file its recorded key again (key = prefix + path). A file
 * whose key no longer starts with the element's prefix keeps its name: it then uploads anew.
 */
export function withRecordedPath(file: File, record: ResumeRecord, prefix: string): File {
  const path = record.key.startsWith(prefix) ? record.key.slice(prefix.length) : file.name;
  if (path !== file.name) Object.defineProperty(file, 'webkitRelativePath', { value: path, configurable: true });
  return file;
}

/**
 * The interrupted uploads of one element: listed once after its first render, resumed or discarded on
 * the user's word. Refusals fire cos-file-rejected (reason `changed`) on the element; their uploads are
 * aborted on COS, since no file can complete them any more.
 */
export class ResumeSession {
  constructor(
    readonly host: ResumeHost,
    /** Undefined for a notice that only carries messages. */
    readonly manager: UploadManagerApi | undefined,
    public records: ResumeRecord[],
  ) {}

  /** Checks every record (asking for read permission where needed: call from the click) and adds the files that passed. */
  async resume(): Promise<ResumeVerdict[]> {
    const verdicts: ResumeVerdict[] = [];
    // One at a time: each may show a permission prompt.
    for (const record of this.records) verdicts.push(await checkRecord(record));
    const ready = verdicts.flatMap((v) => (v.state === 'ready' ? [withRecordedPath(v.file, v.record, this.host.keyPrefix)] : []));
    if (ready.length) this.host.addFiles(ready);
    for (const verdict of verdicts) {
      if (verdict.state === 'changed' || verdict.state === 'missing') await this.manager?.discardInterrupted?.(verdict.record);
    }
    this.records = verdicts.filter((v) => v.state === 'reselect').map((v) => v.record);
    return verdicts;
  }

  /** Announces a refused file the way the intake does: a cos-file-rejected event (the prompt shows the message). */
  reject(verdict: ResumeVerdict, message: string): void {
    const { record } = verdict;
    const file = ('file' in verdict && verdict.file) || new File([], record.name ?? record.key, { type: record.type ?? '' });
    this.host.dispatchEvent(new CosFileRejectedEvent({ file, reason: 'changed', message }));
  }

  /** Gives every listed upload up: aborted on COS, records deleted. */
  async discard(): Promise<void> {
    const records = this.records;
    this.records = [];
    await Promise.all(records.map((record) => this.manager?.discardInterrupted?.(record)));
  }

  /** A file chosen again that matches a listed record leaves the list (the engine resumes it by fingerprint). */
  chosenAgain(file: File): void {
    this.records = this.records.filter((r) => !(r.name === file.name && r.size === file.size));
  }
}
