import { createHash, createHmac } from 'node:crypto';
import type { HashProvider } from '../core/auth/hash.js';

/** node:crypto implementation of the signer's hashes, for the emulator, scripts and Node tests. */
export const nodeHash: HashProvider = {
  sha1Hex: (data) => createHash('sha1').update(data, 'utf8').digest('hex'),
  hmacSha1Hex: (key, data) => createHmac('sha1', key).update(data, 'utf8').digest('hex'),
};
