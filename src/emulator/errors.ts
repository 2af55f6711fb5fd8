/** HTTP status of each COS error code the emulator answers (docs/protocol.md#errors). */
const STATUS_BY_CODE: Record<string, number> = {
  BadDigest: 400, EntityTooSmall: 400, EntityTooLarge: 400, IncompleteBody: 400, InvalidArgument: 400,
  InvalidPart: 400, InvalidPartOrder: 400, InvalidDigest: 400, InvalidPicOperations: 400, InvalidImageFormat: 400,
  ImageTooLarge: 400, ImageResolutionExceed: 400, InvalidRequest: 400, InvalidURI: 400, KeyTooLong: 400,
  MalformedXML: 400, MalformedPOSTRequest: 400, InvalidPolicyDocument: 400, IncorrectNumberOfFilesInPostRequest: 400,
  RequestIsNotMultiPartContent: 400, MissingRequestBodyError: 400, RequestTimeout: 400, XMLSizeLimit: 400,
  InvalidUploadStatus: 400, MetadataTooLarge: 400, ExpiredToken: 400,
  AccessDenied: 403, AccessForbidden: 403, InvalidAccessKeyId: 403, SignatureDoesNotMatch: 403,
  RequestTimeTooSkewed: 403, NoProcessAuthority: 403,
  NoSuchBucket: 404, NoSuchKey: 404, NoSuchUpload: 404, NoSuchJob: 404, NoSuchResource: 404, NoSuchCORSConfiguration: 404,
  MethodNotAllowed: 405, UploadConflict: 409, MissingContentLength: 411, PreconditionFailed: 412, InvalidRange: 416,
  InternalError: 500, NotImplemented: 501, ServiceUnavailable: 503, SlowDown: 503,
};

const DEFAULT_MESSAGES: Record<string, string> = {
  AccessDenied: 'Access Denied.',
  SignatureDoesNotMatch: 'The Signature you specified is invalid.',
  InvalidAccessKeyId: 'The access key Id you provided does not exist in our records.',
  RequestTimeTooSkewed: 'The difference between the request time and the server\'s time is too large.',
  NoSuchKey: 'The specified key does not exist.',
  NoSuchUpload: 'The specified upload does not exist.',
  NoSuchBucket: 'The specified bucket does not exist.',
  InternalError: 'We encountered an internal error. Please try again.',
  ServiceUnavailable: 'Please reduce your request rate.',
  SlowDown: 'Please reduce your request rate.',
  NotImplemented: 'A header or parameter you provided implies functionality that is not implemented.',
  MethodNotAllowed: 'The specified method is not allowed against this resource.',
};

const STATUS_DEFAULT_CODES: Record<number, string> = {
  400: 'InvalidRequest', 403: 'AccessDenied', 404: 'NoSuchKey', 405: 'MethodNotAllowed', 409: 'UploadConflict',
  412: 'PreconditionFailed', 416: 'InvalidRange', 429: 'SlowDown', 500: 'InternalError', 501: 'NotImplemented',
  503: 'ServiceUnavailable',
};

export function statusForCode(code: string): number {
  return STATUS_BY_CODE[code] ?? 500;
}

export function codeForStatus(status: number): string {
  return STATUS_DEFAULT_CODES[status] ?? (status >= 500 ? 'InternalError' : 'InvalidRequest');
}

/** A failure answered with the COS error XML (docs/protocol.md#errors). */
export class EmulatorError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message?: string, status?: number) {
    super(message ?? DEFAULT_MESSAGES[code] ?? code);
    this.name = 'EmulatorError';
    this.code = code;
    this.status = status ?? statusForCode(code);
  }
}

export function cosError(code: string, message?: string, status?: number): EmulatorError {
  return new EmulatorError(code, message, status);
}
