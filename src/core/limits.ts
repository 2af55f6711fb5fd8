/** COS object keys are 1–850 bytes of UTF-8 (cos-protocol.md §0, §2.7). Shared by the client, the engine, the elements and the emulator. */
export const MAX_KEY_BYTES = 850;
