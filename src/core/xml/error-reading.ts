// The reading of a COS error answer, imported by the client on its first non-2xx answer
// (docs/bundle-size.md#what-waits-for-its-first-use). One object rather than the module's namespace: its chunk is the
// import's own, so the bundler needs no namespace helper.
import { cosErrorFromResponse } from './error.js';

export const errorReading = { cosErrorFromResponse };
