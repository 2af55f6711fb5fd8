/** A chosen file with the path it had inside a dropped or picked folder (else just its name). */
export interface PickedFile {
  file: File;
  path: string;
}

export interface DropOutcome {
  files: PickedFile[];
  /** Entries the browser would not let us read (permissions, vanished files). */
  unreadable: number;
}

/** Files from a file list (picker or paste); a folder picker's `webkitRelativePath` is kept. */
export function filesFromList(list: FileList | readonly File[] | null | undefined): PickedFile[] {
  return Array.from(list ?? []).map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}

/** Where a folder walk reports as it goes. */
export interface WalkListener {
  /** Files read so far, in batches (one per directory read), so the queue can start before the walk ends. */
  onFiles(files: PickedFile[]): void;
  /** How many files have been found so far. */
  onProgress?(count: number): void;
}

/**
 * Files from a drop, folders walked recursively and handed over in batches as they are read
 * (docs/many-files.md): `readEntries` is called until it returns an empty batch, per directory, and the
 * files of a batch are opened in parallel. Every await yields to the page, so a 10,000-file tree never
 * blocks it. The DataTransfer is only readable during the event, so every item's entry and file are
 * taken synchronously before the first await. Resolves with the count of unreadable entries.
 */
export async function walkDataTransfer(transfer: DataTransfer | null, listener: WalkListener): Promise<{ files: number; unreadable: number }> {
  const tally = { files: 0, unreadable: 0 };
  if (!transfer) return tally;
  const deliver = (files: PickedFile[]) => {
    if (files.length === 0) return;
    tally.files += files.length;
    listener.onFiles(files);
    listener.onProgress?.(tally.files);
  };
  const items = Array.from(transfer.items ?? []).filter((item) => item.kind === 'file');
  if (items.length === 0) {
    deliver(filesFromList(transfer.files));
    return tally;
  }
  const taken = items.map((item) => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }));
  const loose: PickedFile[] = [];
  const directories: FileSystemDirectoryEntry[] = [];
  for (const { entry, file } of taken) {
    if (entry?.isDirectory) directories.push(entry as FileSystemDirectoryEntry);
    else if (file) loose.push({ file, path: file.name });
    else tally.unreadable += 1;
  }
  deliver(loose);
  for (const directory of directories) await walkDirectory(directory, deliver, tally);
  return tally;
}

/** Every file of a drop at once (see walkDataTransfer for the streaming form). */
export async function filesFromDataTransfer(transfer: DataTransfer | null): Promise<DropOutcome> {
  const files: PickedFile[] = [];
  const { unreadable } = await walkDataTransfer(transfer, { onFiles: (batch) => files.push(...batch) });
  return { files, unreadable };
}

async function walkDirectory(directory: FileSystemDirectoryEntry, deliver: (files: PickedFile[]) => void, tally: { unreadable: number }): Promise<void> {
  const reader = directory.createReader();
  const subdirectories: FileSystemDirectoryEntry[] = [];
  for (;;) {
    // readEntries hands out entries in batches (about 100 in Chromium) until it returns an empty one.
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject)).catch(() => null);
    if (batch === null) {
      tally.unreadable += 1;
      break;
    }
    if (batch.length === 0) break;
    const files = batch.filter((entry) => entry.isFile) as FileSystemFileEntry[];
    for (const entry of batch) if (entry.isDirectory) subdirectories.push(entry as FileSystemDirectoryEntry);
    const read = await Promise.all(files.map(readFileEntry));
    tally.unreadable += read.filter((file) => file === null).length;
    deliver(read.filter((file): file is PickedFile => file !== null));
  }
  for (const subdirectory of subdirectories) await walkDirectory(subdirectory, deliver, tally);
}

function readFileEntry(entry: FileSystemFileEntry): Promise<PickedFile | null> {
  return new Promise<File>((resolve, reject) => entry.file(resolve, reject))
    .then((file) => ({ file, path: entry.fullPath.replace(/^\/+/, '') }))
    .catch(() => null);
}
