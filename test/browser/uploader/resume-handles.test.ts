import { expect } from '@open-wc/testing';
import '../../../src/index.js';
import { IndexedDbResumeStore, MemoryResumeStore, UploadManager, fingerprintFile, handleOf } from '../../../src/core/index.js';
import type { ResumeRecord } from '../../../src/core/index.js';
import type { CosUploader } from '../../../src/elements/uploader/uploader.js';
import type { CosResumePrompt } from '../../../src/elements/uploader/resume/resume-prompt.js';
import { checkRecord } from '../../../src/elements/uploader/resume/resume-session.js';
import { pickerTypes } from '../../../src/elements/uploader/resume/picked-handles.js';
import type { CosFileRejectedEvent } from '../../../src/events/file-rejected.js';
import { MiB, addFault, bytesOf, clientFor, emulator, logFor, sha256, tick, type EmulatorInfo } from '../upload/emulator.js';

/** Polls until `check` returns something truthy; bounded so a broken flow fails instead of hanging. */
async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs = 20000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await tick(25);
  }
}

function uploaderFor(emu: EmulatorInfo, prefix: string, extra: Record<string, string> = {}): CosUploader {
  const el = document.createElement('cos-uploader');
  const attributes = {
    multiple: '', bucket: emu.bucket, region: emu.region, endpoint: emu.endpoint, 'token-url': `${emu.url}/sts`,
    prefix, 'multipart-threshold': '1MB', 'part-size': '1MB', concurrency: '1', ...extra,
  };
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

const promptOf = (el: CosUploader) => el.shadowRoot?.querySelector<CosResumePrompt>('cos-resume-prompt') ?? null;
const textOf = (prompt: CosResumePrompt) => prompt.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const doneParts = (el: CosUploader) => el.uploads[0]?.parts.filter((p) => p.status === 'done').length ?? 0;

async function opfsFile(name: string, size: number, seed: number): Promise<FileSystemFileHandle> {
  const root = await navigator.storage.getDirectory();
  const handle = await root.getFileHandle(name, { create: true });
  const writable = await handle.createWritable();
  await writable.write(bytesOf(size, seed));
  await writable.close();
  return handle;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/** Counts file pickers opened: the hidden input's click and the File System Access picker. */
function watchPickers(): { count: number; restore(): void } {
  const watch = { count: 0, restore: () => undefined as void };
  const click = HTMLInputElement.prototype.click;
  HTMLInputElement.prototype.click = function (this: HTMLInputElement) {
    if (this.type === 'file') watch.count += 1;
    else click.call(this);
  };
  const win = window as unknown as { showOpenFilePicker?: unknown };
  const picker = win.showOpenFilePicker;
  win.showOpenFilePicker = () => {
    watch.count += 1;
    return Promise.reject(new DOMException('aborted', 'AbortError'));
  };
  watch.restore = () => {
    HTMLInputElement.prototype.click = click;
    win.showOpenFilePicker = picker;
  };
  return watch;
}

/**
 * First page: uploads an OPFS file held by its handle until `stopAfter` parts are stored, then the element
 * leaves the page (as on a reload: the next part, held back by the emulator, never lands).
 */
async function interrupt(emu: EmulatorInfo, prefix: string, name: string, size: number, stopAfter: number): Promise<FileSystemFileHandle> {
  const handle = await opfsFile(name, size, 41);
  await addFault(emu, { action: 'UploadPart', key: `${prefix}${name}`, partNumber: stopAfter + 1, delayMs: 4000, times: 1 });
  const first = uploaderFor(emu, prefix);
  document.body.append(first);
  first.addFiles([handle]);
  await until(() => doneParts(first) >= stopAfter, `${stopAfter} parts`);
  first.remove();
  // The record (with the handle) lands in IndexedDB right after the part.
  const store = new IndexedDbResumeStore();
  await until(async () => (await store.list()).some((r) => r.key === `${prefix}${name}` && Object.keys(r.parts).length === stopAfter && r.handle), 'the resume record');
  await store.close();
  return handle;
}

describe('resume after a reload from a kept file handle (real emulator, OPFS, IndexedDB)', function () {
  this.timeout(90000);
  afterEach(() => deleteDatabase('cos-uploader'));

  it('one click on Resume sends only parts 3 and 4; the object is byte-identical; no picker opens', async () => {
    const emu = await emulator();
    const prefix = `resume-handles/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}/`;
    const name = 'four-parts.bin';
    const key = `${prefix}${name}`;
    const size = 4 * MiB - 100;
    const handle = await interrupt(emu, prefix, name, size, 2);

    // The "reloaded" page: a new element, a new manager, nothing in memory from the first.
    const pickers = watchPickers();
    try {
      const second = uploaderFor(emu, prefix);
      document.body.append(second);
      const prompt = await until(() => promptOf(second), 'the resume prompt');
      await prompt.updateComplete;
      expect(textOf(prompt)).to.contain('1 upload was interrupted');
      expect(textOf(prompt)).to.contain(`${name} — 4 MB, 2 of 4 parts uploaded`);
      expect(prompt.getAttribute('part')).to.equal('resume');
      const before = (await logFor(emu, key)).length;
      const success = new Promise<void>((resolve) => second.addEventListener('cos-upload-success', () => resolve(), { once: true }));

      prompt.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
      await success;

      const [upload] = second.uploads;
      expect(upload.status).to.equal('done');
      expect(upload.key).to.equal(key);
      expect(upload.resumedParts).to.equal(2);
      const after = (await logFor(emu, key)).slice(before);
      expect(after.some((e) => e.action === 'InitiateMultipartUpload')).to.equal(false);
      expect(after.find((e) => e.action !== 'Sts')?.action).to.equal('ListParts');
      const sent = after.filter((e) => e.action === 'UploadPart' && e.status === 200).map((e) => e.partNumber).sort();
      expect(sent).to.deep.equal([3, 4]);
      expect(after.some((e) => e.action === 'UploadPart' && (e.partNumber === 1 || e.partNumber === 2))).to.equal(false);
      const stored = await clientFor(emu).getObject(key);
      expect(await sha256(stored)).to.equal(await sha256(await handle.getFile()));
      expect(pickers.count, 'no file picker opened').to.equal(0);
      await until(() => !promptOf(second), 'the prompt to leave');
      second.remove();
    } finally {
      pickers.restore();
    }
  });

  it('a file that changed since its upload began is refused with a message and an event; its upload is aborted', async () => {
    const emu = await emulator();
    const prefix = `resume-handles/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}/`;
    const name = 'edited.bin';
    const key = `${prefix}${name}`;
    const handle = await interrupt(emu, prefix, name, 3 * MiB, 1);
    // The user edits the file in place before reloading: same size, new bytes, new lastModified.
    await tick(20);
    const writable = await handle.createWritable({ keepExistingData: true });
    await writable.write({ type: 'write', position: 0, data: new Uint8Array([1, 2, 3, 4]) });
    await writable.close();

    const second = uploaderFor(emu, prefix);
    const refused: CosFileRejectedEvent[] = [];
    second.addEventListener('cos-file-rejected', (event) => refused.push(event));
    document.body.append(second);
    const prompt = await until(() => promptOf(second), 'the resume prompt');
    const before = (await logFor(emu, key)).length;
    prompt.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();

    await until(() => refused.length > 0, 'cos-file-rejected');
    expect(refused[0].detail.reason).to.equal('changed');
    expect(refused[0].detail.file.name).to.equal(name);
    await prompt.updateComplete;
    const alert = prompt.shadowRoot!.querySelector('[role=alert]');
    expect(alert?.textContent).to.contain(`${name} changed since its upload began, so it was not resumed`);
    expect(second.uploads).to.have.length(0);
    const uploads = await until(async () => {
      const open = await clientFor(emu).listMultipartUploads(prefix);
      return open.length === 0 ? ['none'] : undefined;
    }, 'the upload to be aborted');
    expect(uploads).to.deep.equal(['none']);
    const after = (await logFor(emu, key)).slice(before);
    expect(after.some((e) => e.action === 'AbortMultipartUpload' && e.status === 204)).to.equal(true);
    expect(after.some((e) => e.action === 'UploadPart' || e.action === 'InitiateMultipartUpload')).to.equal(false);
    expect(await new IndexedDbResumeStore().list()).to.deep.equal([]);
    second.remove();
  });

  it('a record older than the resume age expires: its upload is aborted on COS and no prompt shows', async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const prefix = `resume-handles/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}/`;
    const key = `${prefix}old.bin`;
    const { uploadId } = await client.initiateMultipartUpload(key);
    await client.uploadPart(key, uploadId, 1, new Blob([bytesOf(MiB, 3)]));
    const eightDaysAgo = Date.now() - 8 * 24 * 3600 * 1000;
    const record: ResumeRecord = { fingerprint: 'v1:old', key, uploadId, partSize: MiB, size: 3 * MiB, parts: {}, updatedAt: eightDaysAgo, name: 'old.bin' };
    const store = new IndexedDbResumeStore();
    await store.put(record);
    await store.put({ ...record, fingerprint: 'v1:fresh', key: `${prefix}fresh.bin`, uploadId: 'fresh', updatedAt: Date.now(), name: 'fresh.bin' });
    // Another uploader's upload (another prefix) is not offered here.
    await store.put({ ...record, fingerprint: 'v1:other', key: `elsewhere/${prefix}other.bin`, uploadId: 'other', updatedAt: Date.now(), name: 'other.bin' });
    await store.close();
    expect((await client.listMultipartUploads(prefix)).map((u) => u.uploadId)).to.deep.equal([uploadId]);

    // Default age (7 days): the old record goes, the fresh one is offered.
    const el = uploaderFor(emu, prefix);
    document.body.append(el);
    const prompt = await until(() => promptOf(el), 'the resume prompt');
    await prompt.updateComplete;
    expect(textOf(prompt)).to.contain('1 upload was interrupted').and.contain('fresh.bin').and.not.contain('old.bin').and.not.contain('other.bin');
    expect(await client.listMultipartUploads(prefix)).to.deep.equal([]);
    expect((await logFor(emu, key)).some((e) => e.action === 'AbortMultipartUpload' && e.status === 204)).to.equal(true);
    expect((await new IndexedDbResumeStore().list()).map((r) => r.fingerprint).sort()).to.deep.equal(['v1:fresh', 'v1:other']);
    el.remove();

    // resume-max-age="0": everything has expired, so no prompt at all.
    const strict = uploaderFor(emu, prefix, { 'resume-max-age': '0' });
    document.body.append(strict);
    await until(async () => (await new IndexedDbResumeStore().list()).length === 0, 'the fresh record to expire');
    await tick(50);
    expect(promptOf(strict)).to.equal(null);
    strict.remove();
  });

  it('permission refused or no handle: the prompt asks to choose the file again, and the re-chosen file resumes', async () => {
    const emu = await emulator();
    const client = clientFor(emu);
    const prefix = `resume-handles/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}/`;
    const name = 'denied.bin';
    const key = `${prefix}${name}`;
    const size = 3 * MiB + 5;
    const file = new File([bytesOf(size, 9)], name, { type: 'application/octet-stream', lastModified: 1_700_000_000_000 });
    const store = new MemoryResumeStore();
    const options = { client, resumeStore: store, multipartThreshold: MiB, partSize: MiB, concurrency: 1, keyFor: () => key };

    // The first page stored part 1, then went away.
    await addFault(emu, { action: 'UploadPart', key, partNumber: 2, delayMs: 4000, times: 1 });
    const first = new UploadManager(options);
    const [started] = first.add([file]);
    await until(() => first.snapshot()[0].parts[0].status === 'done', 'part 1');
    first.pause(started.id);
    const [record] = await until(async () => {
      const records = await store.list();
      return records.length && Object.keys(records[0].parts).length === 1 ? records : undefined;
    }, 'the record');
    // The browser kept a handle, but the user refuses read permission when asked again.
    let asked = 0;
    const deniedHandle = {
      kind: 'file', name,
      getFile: () => Promise.resolve(file),
      queryPermission: () => Promise.resolve('prompt'),
      requestPermission: () => { asked += 1; return Promise.resolve('denied'); },
    };
    await store.put({ ...record, handle: deniedHandle });
    // Where the API is missing, records carry no handle: the same re-select flow.
    expect((await checkRecord({ ...record, handle: undefined })).state).to.equal('reselect');

    const pickers = watchPickers();
    try {
      const el = uploaderFor(emu, prefix);
      const hooks = el.managerHooks();
      el.manager = new UploadManager({ ...options, keyFor: hooks.keyFor, beforeStart: hooks.beforeStart });
      document.body.append(el);
      const prompt = await until(() => promptOf(el), 'the resume prompt');
      await prompt.updateComplete;
      prompt.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
      await until(() => textOf(prompt).includes('Select these files again to resume them: denied.bin'), 'the re-select line');
      expect(asked).to.equal(1);
      expect(el.uploads).to.have.length(0);
      prompt.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
      expect(pickers.count, 'Select files opens the picker').to.equal(1);

      // The user picks the same file: today's flow resumes it by fingerprint (ListParts, missing parts only).
      const before = (await logFor(emu, key)).length;
      const success = new Promise<void>((resolve) => el.addEventListener('cos-upload-success', () => resolve(), { once: true }));
      el.addFiles([file]);
      await success;
      expect(el.uploads[0].resumedParts).to.equal(1);
      const after = (await logFor(emu, key)).slice(before);
      expect(after.filter((e) => e.action === 'UploadPart' && e.status === 200).map((e) => e.partNumber).sort()).to.deep.equal([2, 3, 4]);
      expect(await sha256(await client.getObject(key))).to.equal(await sha256(file));
      await until(() => !promptOf(el), 'the prompt to leave');
      el.remove();
    } finally {
      pickers.restore();
    }
  });

  it('a file dropped on the element keeps its handle in the resume record', async () => {
    const emu = await emulator();
    const prefix = `resume-handles/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}/`;
    const name = 'dropped.bin';
    const handle = await opfsFile(name, 3 * MiB, 17);
    const file = await handle.getFile();
    await addFault(emu, { action: 'UploadPart', key: `${prefix}${name}`, partNumber: 2, delayMs: 3000, times: 1 });
    // A synthetic drop has no file behind it, so the browser's answer is stood in for by the OPFS handle.
    const proto = DataTransferItem.prototype as DataTransferItem & { getAsFileSystemHandle?: () => Promise<unknown> };
    const original = proto.getAsFileSystemHandle;
    proto.getAsFileSystemHandle = function () {
      return Promise.resolve(handle);
    };
    try {
      const el = uploaderFor(emu, prefix);
      document.body.append(el);
      // The resume chunk builds the manager right after it starts keeping handles: then drops are watched.
      await until(() => el.manager, 'the resume chunk');
      const transfer = new DataTransfer();
      transfer.items.add(file);
      el.shadowRoot!.querySelector('.dropzone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true }));
      await until(() => doneParts(el) >= 1, 'part 1');
      expect(handleOf(el.uploads[0].file)).to.equal(handle);
      const store = new IndexedDbResumeStore();
      const record = await until(async () => (await store.list()).find((r) => r.key === `${prefix}${name}` && r.handle), 'a record with the handle');
      expect(await (record.handle as FileSystemFileHandle).isSameEntry(handle)).to.equal(true);
      await store.close();
      await el.reset();
      el.remove();
    } finally {
      proto.getAsFileSystemHandle = original;
    }
  });

  it('a file in a dropped folder keeps the folder handle and its path; the resume check finds it again below the folder', async () => {
    const emu = await emulator();
    const prefix = `resume-handles/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}/`;
    const folderName = `drop-${Math.random().toString(36).slice(2, 8)}`;
    const root = await navigator.storage.getDirectory();
    const folder = await root.getDirectoryHandle(folderName, { create: true });
    const sub = await folder.getDirectoryHandle('sub', { create: true });
    const fileHandle = await sub.getFileHandle('deep.bin', { create: true });
    const writable = await fileHandle.createWritable();
    await writable.write(bytesOf(3 * MiB, 29));
    await writable.close();
    const file = await fileHandle.getFile();
    const key = `${prefix}${folderName}/sub/deep.bin`;
    await addFault(emu, { action: 'UploadPart', key, partNumber: 2, delayMs: 3000, times: 1 });
    // A synthetic drop holds no folder: the browser's entries and folder handle are stood in for (OPFS).
    const fileEntry = { isFile: true, isDirectory: false, name: 'deep.bin', fullPath: `/${folderName}/sub/deep.bin`, file: (done: (f: File) => void) => done(file) };
    const readerOf = (entries: unknown[]) => ({ readEntries: (done: (batch: unknown[]) => void) => done(entries.splice(0)) });
    const subEntry = { isFile: false, isDirectory: true, name: 'sub', fullPath: `/${folderName}/sub`, createReader: () => readerOf([fileEntry]) };
    const folderEntry = { isFile: false, isDirectory: true, name: folderName, fullPath: `/${folderName}`, createReader: () => readerOf([subEntry]) };
    const proto = DataTransferItem.prototype as DataTransferItem & { getAsFileSystemHandle?: () => Promise<unknown> };
    const originals = { handle: proto.getAsFileSystemHandle, entry: proto.webkitGetAsEntry };
    proto.getAsFileSystemHandle = () => Promise.resolve(folder);
    proto.webkitGetAsEntry = () => folderEntry as unknown as FileSystemEntry;
    try {
      const el = uploaderFor(emu, prefix);
      document.body.append(el);
      await until(() => el.manager, 'the resume chunk');
      const transfer = new DataTransfer();
      transfer.items.add(new File([], folderName));
      el.shadowRoot!.querySelector('.dropzone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true }));
      await until(() => doneParts(el) >= 1, 'part 1');
      expect(el.uploads.map((u) => u.key)).to.deep.equal([key]);
      const store = new IndexedDbResumeStore();
      const record = await until(async () => (await store.list()).find((r) => r.key === key && r.handle), 'a record with the folder handle');
      await store.close();
      const kept = record.handle as { kind: string; directory: FileSystemDirectoryHandle; path: string[] };
      expect(kept.kind).to.equal('folder-file');
      expect(kept.path).to.deep.equal(['sub', 'deep.bin']);
      expect(await kept.directory.isSameEntry(folder), 'the folder handle came back from IndexedDB').to.equal(true);
      await el.reset();
      el.remove();

      // As after a reload: the record's folder handle leads back to the same file.
      const verdict = await checkRecord(record);
      expect(verdict.state).to.equal('ready');
      if (verdict.state !== 'ready') return;
      expect(await sha256(verdict.file)).to.equal(await sha256(file));
      expect(handleOf(verdict.file), 'a resumed file keeps the folder reference for a later resume').to.equal(record.handle);
      // The file left the folder: missing, not a re-select.
      await sub.removeEntry('deep.bin');
      expect((await checkRecord(record)).state).to.equal('missing');
    } finally {
      proto.getAsFileSystemHandle = originals.handle;
      proto.webkitGetAsEntry = originals.entry;
      await root.removeEntry(folderName, { recursive: true }).catch(() => undefined);
    }
  });

  it('addFiles with a handle whose file is gone refuses it (event and message) and adds the others', async () => {
    const emu = await emulator();
    const prefix = `resume-handles/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}/`;
    const kept = await opfsFile('kept.bin', 1000, 3);
    const gone = await opfsFile('gone.bin', 1000, 4);
    await (await navigator.storage.getDirectory()).removeEntry('gone.bin');
    const el = uploaderFor(emu, prefix);
    const refused: CosFileRejectedEvent[] = [];
    el.addEventListener('cos-file-rejected', (event) => refused.push(event));
    document.body.append(el);
    await el.updateComplete;
    const success = new Promise<void>((resolve) => el.addEventListener('cos-upload-success', () => resolve(), { once: true }));
    el.addFiles([gone, kept]);
    await success;
    expect(el.uploads.map((u) => [u.key, u.status])).to.deep.equal([[`${prefix}kept.bin`, 'done']]);
    // The refusal comes with the notice's lazy chunk: on a busy machine after the kept file's upload.
    await until(() => refused.length > 0, 'the cos-file-rejected event');
    expect(refused.map((e) => [e.detail.reason, e.detail.file.name])).to.deep.equal([['unreadable', 'gone.bin']]);
    const prompt = await until(() => promptOf(el), 'the notice');
    await prompt.updateComplete;
    expect(prompt.shadowRoot!.querySelector('[role=alert]')?.textContent).to.contain('gone.bin could not be read (moved, deleted or no permission), so it was not added.');
    prompt.shadowRoot!.querySelector<HTMLButtonElement>('button')!.click();
    await until(() => !promptOf(el), 'Dismiss to close the notice');
    el.remove();
  });

  it('the picker opens through showOpenFilePicker where it exists: picked files keep their handle', async () => {
    const emu = await emulator();
    const prefix = `resume-handles/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}/`;
    const name = 'picked.bin';
    const handle = await opfsFile(name, 3 * MiB, 23);
    await addFault(emu, { action: 'UploadPart', key: `${prefix}${name}`, partNumber: 2, delayMs: 3000, times: 1 });
    const win = window as unknown as { showOpenFilePicker?: unknown };
    const original = win.showOpenFilePicker;
    const asked: unknown[] = [];
    let answer: () => Promise<unknown[]> = () => Promise.resolve([handle]);
    win.showOpenFilePicker = (options: unknown) => {
      asked.push(options);
      return answer();
    };
    try {
      const el = uploaderFor(emu, prefix, { accept: 'image/*,.bin' });
      document.body.append(el);
      await until(() => el.manager, 'the resume chunk');
      const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type=file]')!;
      let inputClicks = 0;
      input.addEventListener('click', () => (inputClicks += 1));
      el.shadowRoot!.querySelector<HTMLElement>('.dropzone')!.click();
      expect(asked).to.deep.equal([{ multiple: true, types: [{ accept: { 'image/*': [], 'application/octet-stream': ['.bin'] } }] }]);
      await until(() => doneParts(el) >= 1, 'part 1');
      expect(el.uploads[0].key).to.equal(`${prefix}${name}`);
      const store = new IndexedDbResumeStore();
      const record = await until(async () => (await store.list()).find((r) => r.key === `${prefix}${name}` && r.handle), 'a record with the handle');
      expect(await (record.handle as FileSystemFileHandle).isSameEntry(handle)).to.equal(true);
      await store.close();
      await el.reset();
      // The picker refusing the call (no user gesture here) hands over to the input, as before.
      answer = () => Promise.reject(new DOMException('Must be handling a user gesture', 'SecurityError'));
      inputClicks = 0;
      el.openPicker();
      await until(() => inputClicks === 2, 'the input to be clicked again');
      // A cancelled picker does nothing more.
      answer = () => Promise.reject(new DOMException('The user aborted a request.', 'AbortError'));
      inputClicks = 0;
      el.openPicker();
      await tick(50);
      expect(inputClicks).to.equal(1);
      el.remove();
    } finally {
      win.showOpenFilePicker = original;
    }
    expect(pickerTypes('')).to.deep.equal([]);
    expect(pickerTypes(' .PDF , image/png')).to.deep.equal([{ accept: { 'application/octet-stream': ['.pdf'], 'image/png': [] } }]);
  });

  it('checkRecord refuses a file with the same size and date but other bytes (fingerprint)', async () => {
    const original = new File([bytesOf(200 * 1024, 1)], 'same.bin', { lastModified: 5 });
    const lookalike = new File([bytesOf(200 * 1024, 2)], 'same.bin', { lastModified: 5 });
    const fingerprint = await fingerprintFile({ file: original, key: 'k/same.bin', partSize: MiB });
    const record: ResumeRecord = { fingerprint, key: 'k/same.bin', uploadId: 'u', partSize: MiB, size: original.size, parts: {}, updatedAt: 1, name: 'same.bin', lastModified: 5 };
    const handleOf = (file: File) => ({ kind: 'file', name: file.name, getFile: () => Promise.resolve(file), queryPermission: () => Promise.resolve('granted') });
    expect((await checkRecord({ ...record, handle: handleOf(original) })).state).to.equal('ready');
    expect((await checkRecord({ ...record, handle: handleOf(lookalike) })).state).to.equal('changed');
    const gone = { kind: 'file', name: 'same.bin', getFile: () => Promise.reject(new DOMException('gone', 'NotFoundError')), queryPermission: () => Promise.resolve('granted') };
    expect((await checkRecord({ ...record, handle: gone })).state).to.equal('missing');
  });
});
