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

/** A FileSystemFileHandle (duck-typed, so handles from another realm or a test double count too). */
export function isFileHandle(value: unknown): value is FileHandleLike {
  return typeof value === 'object' && value !== null && (value as FileHandleLike).kind === 'file' && typeof (value as FileHandleLike).getFile === 'function';
}

/**
 * Read permission for a kept handle: asked of the user when needed, so call it from the click that
 * resumes (requestPermission needs a user gesture). False when refused or not possible.
 */
export async function mayRead(handle: FileHandleLike): Promise<boolean> {
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
