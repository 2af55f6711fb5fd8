import type { UploadOutcome, UploadSnapshot, UploadStatus } from '../types.js';
import type { MultipartTransfer } from './multipart-transfer.js';
import { PartTracker } from './parts.js';
import type { SpeedMeter } from './speed.js';
import type { UploadFile } from './file-upload-settings.js';

/** What one file's upload shows at a moment: the parts of FileUpload's state that a snapshot reports. */
export interface UploadState {
  id: string;
  file: UploadFile;
  key: string;
  multipart: boolean;
  status: UploadStatus;
  loaded: number;
  /** Absent until bytes moved in the current attempt. */
  speed?: SpeedMeter;
  transfer?: MultipartTransfer;
  error?: UploadSnapshot['error'];
  retry?: UploadSnapshot['retry'];
  result?: UploadOutcome;
}

const NO_PARTS = new PartTracker([]);

/**
 * A copy of `text` that holds on to no larger string. An ETag cut from the response's whole header text, or a
 * location cut from the request URL, would otherwise keep all of that text alive for as long as the file is listed.
 */
export function ownCopy(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/** A done upload's outcome as kept: frozen, its strings copied out of the answer they came from. */
export function freezeOutcome(outcome: UploadOutcome): UploadOutcome {
  // A literal, not a spread: the spread-then-overwrite gave every outcome a hidden class of its own.
  // Two literals, so outcomes share two hidden classes: with the checked CRC and without one.
  const { key, etag, location, uploadResult, checksum } = outcome;
  return Object.freeze(checksum
    ? { key, etag: ownCopy(etag), location: ownCopy(location), uploadResult, checksum: Object.freeze({ ...checksum }) }
    : { key, etag: ownCopy(etag), location: ownCopy(location), uploadResult });
}

/** Media types seen so far (a few): a browser's File hands out a new string each time, one per snapshot kept. */
const TYPES = new Map<string, string>();

function sharedType(type: string): string {
  const shared = TYPES.get(type);
  if (shared !== undefined) return shared;
  if (TYPES.size < 256) TYPES.set(type, type);
  return type;
}

/** The frozen snapshot pages and events see; speed, ETA and the retry notice only while the file is running. */
export function freezeSnapshot(state: UploadState): UploadSnapshot {
  const { id, file, key, status, loaded, transfer } = state;
  const total = file.size;
  const running = status === 'uploading' || status === 'completing';
  return Object.freeze({
    id,
    file,
    // The key, when it is the name (no prefix): one string kept per file, not two.
    name: file.name === key ? key : file.name ?? key,
    size: total,
    type: sharedType(file.type),
    key,
    status,
    loaded,
    total,
    speed: running ? state.speed?.speed() ?? 0 : 0,
    eta: running ? state.speed?.eta(total - loaded) : undefined,
    multipart: state.multipart,
    uploadId: transfer?.uploadId,
    parts: (transfer?.tracker ?? NO_PARTS).snapshot(),
    resumedParts: transfer?.resumedParts ?? 0,
    error: state.error && Object.freeze({ ...state.error }),
    retry: running ? state.retry : undefined,
    result: state.result,
  });
}
