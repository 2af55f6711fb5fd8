/** COS object keys are 1–850 bytes of UTF-8 (docs/protocol.md#addressing-and-keys, docs/protocol.md#limits). Shared by the client, the engine, the elements and the emulator. */
export const MAX_KEY_BYTES = 850;
