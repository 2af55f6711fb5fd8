/**
 * Contracts shared by the core modules, the elements and the emulator: plain data shapes only, in two files
 * (wire-level and upload engine) so each stays short. Import from here.
 */
export type * from './wire-types.js';
export type * from './upload/types.js';
