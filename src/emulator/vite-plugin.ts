import { join } from 'node:path';
import type { Connect, Plugin, PreviewServer, ViteDevServer } from 'vite';
import { OPEN_SERVICES_WARNING } from './open-services.js';
import { createCosEmulator } from './server.js';
import type { CosEmulator, EmulatorOptions } from './types.js';

export interface CosEmulatorPluginOptions extends EmulatorOptions {
  /** Where the emulator answers on the Vite server (same origin as the page). Default '/cos'. */
  mount?: string;
}

/** What other plugins (and tests holding the plugin) can read: the running emulator and its mount path. */
export interface CosEmulatorPluginApi {
  readonly emulator: CosEmulator | undefined;
  readonly mount: string;
}

/**
 * Mounts the COS emulator inside `vite` (dev) and `vite preview`. Connect strips the mount prefix, so the
 * handler sees `/<bucket>/<key>`; it answers every request itself (404 XML included), so nothing reaches
 * Vite's SPA fallback. The emulator's info is also served at `<mount>/-/info`.
 */
export function cosEmulatorPlugin(options: CosEmulatorPluginOptions = {}): Plugin<CosEmulatorPluginApi> {
  const mount = (options.mount ?? '/cos').replace(/\/$/, '');
  let emulator: CosEmulator | undefined;

  function attach(server: ViteDevServer | PreviewServer): void {
    emulator ??= createCosEmulator({ ...options, dataDir: options.dataDir ?? join(server.config.root, '.cos-data') });
    const emu = emulator;
    server.middlewares.use(mount, emu.handler as Connect.NextHandleFunction);
    server.config.logger.warn(`[cos-emulator] ${mount}: ${OPEN_SERVICES_WARNING}`);
    const http = server.httpServer;
    http?.on('listening', () => {
      const address = http.address();
      if (address && typeof address === 'object') {
        const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        emu.url = `http://${host}:${address.port}${mount}`;
      }
    });
    http?.on('close', () => void emu.close());
  }

  return {
    name: 'cos-emulator',
    api: {
      get emulator() {
        return emulator;
      },
      mount,
    },
    configureServer: attach,
    configurePreviewServer: attach,
  };
}
