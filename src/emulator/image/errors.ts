/**
 * Errors of the emulator's image processing, carrying the COS/CI error code and HTTP status the
 * server answers with (docs/protocol.md#where-processing-runs: InvalidPicOperations, InvalidImageFormat, ImageTooLarge,
 * ImageResolutionExceed).
 */
export class ImageError extends Error {
  /** COS error code, e.g. `InvalidPicOperations`. */
  code: string;
  /** HTTP status of the error response. */
  status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = 'ImageError';
    this.code = code;
    this.status = status;
  }
}

/**
 * A rule or parameter the emulator cannot accept. Download-time requests report it as
 * `InvalidArgument`; Pic-Operations re-codes it as `InvalidPicOperations` (see pic-operations.ts).
 */
export function invalidArgument(message: string): ImageError {
  return new ImageError('InvalidArgument', message);
}

export function invalidImageFormat(message: string): ImageError {
  return new ImageError('InvalidImageFormat', message);
}

/**
 * A value outside its documented range. It is still InvalidArgument, but a segment with `ignore-error/1` passes
 * its input through instead (docs/rules.md#ignore-error: "a parameter exceeds its limit").
 */
export class OutOfRangeError extends ImageError {
  constructor(message: string) {
    super('InvalidArgument', message);
  }
}

/**
 * A documented feature the emulator cannot run (a saved style, `exif`, HEIF/TPG output, blind watermarks). Compiling
 * goes on after it, so a rule that is also wrong elsewhere is reported as wrong, not as unsupported.
 */
export class UnsupportedError extends ImageError {
  constructor(message: string) {
    super('InvalidArgument', message);
  }
}
