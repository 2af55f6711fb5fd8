// Gives the emulator a core of its own for one section, and everything else (this process, Chromium's processes)
// the other cores. The emulator stands in for COS, which runs on other machines: a user's browser never shares its
// CPU with the server. On 2 shared cores, every CPU second the page spends (on the CRC check, say) is one the
// stand-in server does not get, so a shared-core run measures the sum of both sides' CPU, not what a user meets.
// docs/integrity-and-wan.md#server-on-its-own-core
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { processTree } from './monitor.mjs';

/** Why pinning cannot run here, or undefined when it can (Linux, ≥ 2 cores, `taskset` from util-linux). */
export function pinBlocker() {
  if (process.platform !== 'linux') return 'pinning needs Linux (taskset)';
  if (cpus().length < 2) return 'pinning needs at least 2 cores';
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
  } catch {
    return 'taskset not found (apt-get install -y util-linux)';
  }
  return undefined;
}

/** Sets the CPU list (`0`, `0-2`) of every thread of a process; a process that has exited meanwhile is skipped. */
export function setAffinity(pid, cpuList) {
  try {
    execFileSync('taskset', ['-a', '-pc', cpuList, String(pid)], { stdio: 'ignore' });
  } catch {
    // Gone already (a short-lived Chromium helper): nothing to pin.
  }
}

/**
 * Runs `fn` with the emulator alone on the last core and this process with all its other descendants on the rest,
 * then gives every process all cores back. Returns what `fn` returns and the layout, for the report.
 */
export async function withServerOnOwnCore(emulatorPid, fn) {
  const last = cpus().length - 1;
  const clientCpus = last === 1 ? '0' : `0-${last - 1}`;
  const everyCpu = `0-${last}`;
  const tree = processTree(emulatorPid);
  const clients = [process.pid, ...tree.filter((p) => p.pid !== emulatorPid).map((p) => p.pid)];
  for (const pid of clients) setAffinity(pid, clientCpus);
  setAffinity(emulatorPid, String(last));
  try {
    const value = await fn();
    return { value, layout: { clientCpus, serverCpu: String(last), clientProcesses: clients.length } };
  } finally {
    for (const pid of [...clients, ...processTree(emulatorPid).map((p) => p.pid)]) setAffinity(pid, everyCpu);
  }
}
