/**
 * The parts of the File System Access API the resume flow uses (Chromium; the DOM typings lack the
 * permission calls). Everywhere else these report "unavailable" and the re-select flow applies.
 */
import type { ResumeRecord } from '../../../core/types.js';

type PermissionMode = { mode: 'read' };

/** A FileSystemFileHandle as kept in IndexedDB beside a resume record. */
export interface FileHandleLike {
  readonly kind: 'file';
  readonly name: string;
  getFile(): Promise<File>;
  queryPermission?(descriptor: PermissionMode): Promise<PermissionState>;
  requestPermission?(descriptor: PermissionMode): Promise<PermissionState>;
}

/** A FileSystemDirectoryHandle, as far as reopening a file below it goes. */
export interface DirectoryHandleLike {
  readonly kind: 'directory';
  readonly name: string;
  getDirectoryHandle(name: string): Promise<DirectoryHandleLike>;
  getFileHandle(name: string): Promise<FileHandleLike>;
  queryPermission?(descriptor: PermissionMode): Promise<PermissionState>;
  requestPermission?(descriptor: PermissionMode): Promise<PermissionState>;
}

/**
 * A file inside a dropped folder: the browser gives a handle for the folder only, so the record keeps that
 * handle and the file's path below it (a plain object: IndexedDB stores it as it stores a handle).
 */
export interface FolderFileRef {
  readonly kind: 'folder-file';
  readonly directory: DirectoryHandleLike;
  /** Sub-folders, then the file name. */
  readonly path: readonly string[];
}

export function isDirectoryHandle(value: unknown): value is DirectoryHandleLike {
  return typeof value === 'object' && value !== null && (value as DirectoryHandleLike).kind === 'directory' && typeof (value as DirectoryHandleLike).getFileHandle === 'function';
}

function isFolderFileRef(value: unknown): value is FolderFileRef {
  const ref = value as FolderFileRef;
  return typeof value === 'object' && value !== null && ref.kind === 'folder-file' && isDirectoryHandle(ref.directory) && Array.isArray(ref.path) && ref.path.length > 0;
}

/**
 * The file handle a record kept, with read permission (asked of the user when needed: call it from the click
 * that resumes). `reselect` when there is none or permission is refused; `missing` when a dropped folder no
 * longer holds the file.
 */
export async function reopenHandle(value: unknown): Promise<FileHandleLike | 'reselect' | 'missing'> {
  if (isFileHandle(value)) return (await mayRead(value)) ? value : 'reselect';
  if (!isFolderFileRef(value)) return 'reselect';
  // Permission on the folder covers every file below it.
  if (!(await mayRead(value.directory))) return 'reselect';
  try {
    let directory = value.directory;
    for (const name of value.path.slice(0, -1)) directory = await directory.getDirectoryHandle(name);
    return await directory.getFileHandle(value.path[value.path.length - 1]);
  } catch {
    return 'missing';
  }
}

/** A FileSystemFileHandle (duck-typed, so handles from another realm or a test double count too). */
export function isFileHandle(value: unknown): value is FileHandleLike {
  return typeof value === 'object' && value !== null && (value as FileHandleLike).kind === 'file' && typeof (value as FileHandleLike).getFile === 'function';
}

/**
 * Read permission for a kept handle: asked of the user when needed, so call it from the click that
 * resumes (requestPermission needs a user gesture). False when refused or not possible.
 */
export async function mayRead(handle: Pick<FileHandleLike, 'queryPermission' | 'requestPermission'>): Promise<boolean> {
  try {
    const mode: PermissionMode = { mode: 'read' };
    if ((await handle.queryPermission?.(mode)) === 'granted') return true;
    if (!handle.requestPermission) return !handle.queryPermission;
    return (await handle.requestPermission(mode)) === 'granted';
  } catch {
    return false;
  }
}

/** Why a kept file cannot resume: it changed, or it is gone. Undefined when it is the file the upload began with. */
export function fileChange(record: ResumeRecord, file: File): 'size' | 'lastModified' | undefined {
  if (file.size !== record.size) return 'size';
  if (record.lastModified !== undefined && file.lastModified !== record.lastModified) return 'lastModified';
  return undefined;
}
