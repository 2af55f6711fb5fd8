// Shared by the server tests: an emulator, a bearer-token "login" for two users, and ways to call a handler.
import { createServer, type Server } from 'node:http';
import { CosClient } from '../../../src/core/client.js';
import { FetchTransport } from '../../../src/core/http/fetch-transport.js';
import { nodeHash } from '../../../src/node/node-hash.js';
import type { AuditEvent, FetchHandler, ServerUser } from '../../../src/server/index.js';
import { toNodeListener } from '../../../src/server/index.js';
import type { TokenProvider } from '../../../src/core/types.js';
import type { TestEmulator } from '../emulator/helpers.js';

export { BUCKET, startEmulator, xmlField, type TestEmulator } from '../emulator/helpers.js';

/** The sample login: a bearer token per user. A real backend reads its own session here. */
export const TOKENS: Record<string, ServerUser> = { 'token-alice': { id: 'alice' }, 'token-bob': { id: 'bob' } };

export function authenticate(request: Request): ServerUser | null {
  const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  return token ? TOKENS[token] ?? null : null;
}

export const asUser = (user: 'alice' | 'bob') => ({ authorization: `Bearer token-${user}` });

/** Collects the audit hook's events. */
export function auditLog(): { events: AuditEvent[]; audit: (event: AuditEvent) => void } {
  const events: AuditEvent[] = [];
  return { events, audit: (event) => void events.push(event) };
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves a handler from node:http on a free loopback port. */
export async function serveNode(handler: FetchHandler): Promise<Served> {
  const server: Server = createServer(toNodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A client of the emulator the widget would build, with the given provider. */
export function clientFor(t: TestEmulator, tokenProvider: TokenProvider): CosClient {
  return new CosClient({
    bucket: t.emu.bucket,
    region: t.emu.region,
    endpoint: `${t.url}/{Bucket}`,
    tokenProvider,
    transport: new FetchTransport(),
    hash: nodeHash,
    maxRetries: 0,
  });
}

/** `fetch` with the user's bearer token added: what a page's provider `init` would do. */
export function fetchAs(user: 'alice' | 'bob'): typeof fetch {
  return (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', asUser(user).authorization);
    return fetch(input, { ...init, headers });
  };
}
