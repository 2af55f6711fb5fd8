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

/** The frozen snapshot pages and events see; speed, ETA and the retry notice only while the file is running. */
export function freezeSnapshot(state: UploadState): UploadSnapshot {
  const { id, file, key, status, loaded, transfer } = state;
  const total = file.size;
  const running = status === 'uploading' || status === 'completing';
  return Object.freeze({
    id,
    file,
    name: file.name ?? key,
    size: total,
    type: file.type,
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
