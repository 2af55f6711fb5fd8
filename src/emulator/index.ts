/**
 * The local COS emulator (Node only): the real COS wire protocol over objects on disk, for the demo and the tests.
 * Never imported by browser code.
 */
export { createCosEmulator, DEV_SECRET_ID, DEV_SECRET_KEY } from './server.js';
export type { CosEmulator, EmulatorOptions, FaultRule, FaultAction, RequestLogEntry } from './types.js';
export { crc64, crc64Combine, Crc64 } from '../core/integrity/crc64.js';
export { DEFAULT_UPLOAD_ACTIONS } from './sts.js';
export type { StsResponse } from './sts.js';
