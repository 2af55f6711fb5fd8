/** Printed whenever the emulator starts: its key-handing routes trust every caller, which is only right on a developer's machine. */
export const OPEN_SERVICES_WARNING =
  'WARNING: /sts and /sign hand keys to anyone who asks, with no login: development and tests only. ' +
  'A real backend authenticates each user and scopes their keys: see cos-uploader/server (docs/security.md).';
