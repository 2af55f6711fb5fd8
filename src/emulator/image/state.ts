/** The mutable state a rule works on while its segments run, and the storage seam (ObjectIO). */
import { assertOutputDimensions } from './limits.js';
import type { Raster } from './raster.js';
import { decodeRaster, type SourceImage } from './source.js';

/** The emulator's storage as the image module sees it: one bucket, read and write by key. */
export interface ObjectIO {
  read(key: string): Promise<Buffer | undefined>;
  write(key: string, data: Buffer, contentType: string): Promise<{ etag: string }>;
}

export type OutputFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'bmp';

export interface QualitySetting {
  kind: 'quality' | 'rquality' | 'lquality';
  value: number;
  /** `quality/<Q>!`: use Q even above the input quality. */
  force: boolean;
}

/** Output-only settings, collected from any position and applied at encode time (docs/rules.md#order-of-execution). */
export interface EncodeSettings {
  format?: OutputFormat;
  quality?: QualitySetting;
  interlace?: boolean;
  strip?: boolean;
  /** size-limit: target bytes; `keepSmaller` for the `!` suffix (docs/rules.md#strip-size-limit-minisize). */
  sizeLimit?: { bytes: number; keepSmaller: boolean };
  /** cgif: keep at most this many frames of an animated output (docs/rules.md#format-cgif-interlace). */
  maxFrames?: number;
  /** minisize/1: return the input when the result is larger (docs/rules.md#strip-size-limit-minisize). */
  minisize?: boolean;
}

export interface WorkState {
  readonly source: SourceImage;
  /** Decoded lazily; undefined while no pixel operation has run. */
  raster?: Raster;
  settings: EncodeSettings;
  /** EXIF orientation of the current pixels (1 after auto-orient). */
  orientation: number;
  /** True once any segment ran, so the result must be re-encoded. */
  changed: boolean;
  readonly io?: ObjectIO;
}

export function createState(source: SourceImage, io?: ObjectIO): WorkState {
  return { source, settings: {}, orientation: source.orientation, changed: false, io };
}

export async function currentRaster(state: WorkState): Promise<Raster> {
  state.raster ??= await decodeRaster(state.source);
  return state.raster;
}

/** Installs an operation's result after checking the output limits (docs/rules.md#limits). */
export function replaceRaster(state: WorkState, raster: Raster): void {
  assertOutputDimensions(raster.width, raster.height);
  state.raster = raster;
}

export type StateSnapshot = Pick<WorkState, 'raster' | 'settings' | 'orientation' | 'changed'>;

export function snapshot(state: WorkState): StateSnapshot {
  return { raster: state.raster, settings: { ...state.settings }, orientation: state.orientation, changed: state.changed };
}

export function restore(state: WorkState, saved: StateSnapshot): void {
  Object.assign(state, saved);
}
