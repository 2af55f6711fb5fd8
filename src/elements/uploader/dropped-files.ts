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

/**
 * Files from a drop, folders walked recursively. The DataTransfer is only readable during the
 * event, so every item's entry and file are taken synchronously before the first await.
 */
export async function filesFromDataTransfer(transfer: DataTransfer | null): Promise<DropOutcome> {
  if (!transfer) return { files: [], unreadable: 0 };
  const items = Array.from(transfer.items ?? []).filter((item) => item.kind === 'file');
  if (items.length === 0) return { files: filesFromList(transfer.files), unreadable: 0 };
  const taken = items.map((item) => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }));
  const outcome: DropOutcome = { files: [], unreadable: 0 };
  for (const { entry, file } of taken) {
    if (entry?.isDirectory) await walkDirectory(entry as FileSystemDirectoryEntry, outcome);
    else if (file) outcome.files.push({ file, path: file.name });
    else outcome.unreadable += 1;
  }
  return outcome;
}

async function walkDirectory(directory: FileSystemDirectoryEntry, outcome: DropOutcome): Promise<void> {
  const reader = directory.createReader();
  for (;;) {
    // readEntries hands out entries in batches (about 100 in Chromium) until it returns an empty one.
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject)).catch(() => null);
    if (batch === null) {
      outcome.unreadable += 1;
      return;
    }
    if (batch.length === 0) return;
    for (const entry of batch) {
      if (entry.isDirectory) await walkDirectory(entry as FileSystemDirectoryEntry, outcome);
      else await readFileEntry(entry as FileSystemFileEntry, outcome);
    }
  }
}

async function readFileEntry(entry: FileSystemFileEntry, outcome: DropOutcome): Promise<void> {
  const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject)).catch(() => null);
  if (file) outcome.files.push({ file, path: entry.fullPath.replace(/^\/+/, '') });
  else outcome.unreadable += 1;
}
