// A loopback TCP proxy that can make one connection go silent mid-body (it stops reading and never
// answers, as a NAT that dropped its mapping does) or hold one answer back after the body arrived.
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

export interface FreezingProxy {
  /** `http://127.0.0.1:<port>`, forwarding to the target. */
  url: string;
  /** The next request whose head matches `pattern` freezes once `afterBytes` more bytes of it went through. */
  freezeNext(pattern: RegExp, afterBytes: number): void;
  /** The answer to the next request whose head matches `pattern` is held `ms` before it is passed on. */
  delayNextAnswer(pattern: RegExp, ms: number): void;
  /** Connections frozen so far, and all connections opened through the proxy. */
  readonly frozen: number;
  readonly connections: number;
  close(): Promise<void>;
}

export async function startFreezingProxy(target: string): Promise<FreezingProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let freeze: { pattern: RegExp; afterBytes: number } | undefined;
  let delay: { pattern: RegExp; ms: number } | undefined;
  let frozen = 0;
  let connections = 0;

  const server = createServer((client) => {
    connections += 1;
    const upstream = connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    let left: number | undefined; // bytes still forwarded before this connection freezes
    let isFrozen = false;
    let holdMs = 0;
    client.on('data', (chunk: Buffer) => {
      if (isFrozen) return;
      const head = chunk.toString('latin1', 0, Math.min(chunk.length, 2048));
      if (freeze && left === undefined) {
        const at = head.search(freeze.pattern);
        if (at >= 0) {
          left = at + freeze.afterBytes;
          freeze = undefined;
        }
      }
      if (delay && delay.pattern.test(head)) {
        holdMs = delay.ms;
        delay = undefined;
      }
      if (left !== undefined && chunk.length >= left) {
        upstream.write(chunk.subarray(0, left));
        isFrozen = true;
        frozen += 1;
        // Silent from here on: nothing read (the browser's send buffer fills), nothing answered, nothing closed.
        client.pause();
        return;
      }
      if (left !== undefined) left -= chunk.length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (isFrozen) return;
      if (holdMs > 0) {
        const ms = holdMs;
        holdMs = 0;
        upstream.pause();
        setTimeout(() => {
          if (!client.destroyed) client.write(chunk);
          upstream.resume();
        }, ms);
        return;
      }
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => { if (!isFrozen) upstream.destroy(); });
    upstream.on('close', () => { if (!isFrozen) client.destroy(); });
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    freezeNext(pattern, afterBytes) {
      freeze = { pattern, afterBytes };
    },
    delayNextAnswer(pattern, ms) {
      delay = { pattern, ms };
    },
    get frozen() {
      return frozen;
    },
    get connections() {
      return connections;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
