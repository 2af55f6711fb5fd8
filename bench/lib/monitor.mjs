// Samples memory while an upload runs: the page's JS heap (CDP Runtime.getHeapUsage) and the resident memory
// of Chromium's processes (/proc: the page's renderer RSS, all processes' PSS), every ~250 ms; also CPU seconds per process kind, to show what the 2 cores did.
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

const cmdlines = new Map();

/** pid, parent and CPU ticks from /proc/<pid>/stat (cheap enough to read for every process). */
function readStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

function cmdlineOf(pid) {
  if (!cmdlines.has(pid)) {
    try {
      cmdlines.set(pid, readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '));
    } catch {
      return '';
    }
  }
  return cmdlines.get(pid);
}

/** RSS, and PSS (shared pages split between processes, so a sum over processes is not inflated). */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return {
      rssBytes: Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0) * 1024,
      pssBytes: Number(rollup.match(/^Pss:\s+(\d+) kB/m)?.[1] ?? 0) * 1024,
    };
  } catch {
    return { rssBytes: 0, pssBytes: 0 };
  }
}

function kindOf(proc, emulatorPid) {
  if (proc.pid === emulatorPid) return 'emulator';
  const type = proc.cmdline.match(/--type=([\w-]+)/)?.[1];
  if (!type) return /chrom/.test(proc.cmdline) ? 'browser' : 'other';
  if (type === 'utility') return proc.cmdline.includes('NetworkService') ? 'network' : 'utility';
  return type === 'gpu-process' ? 'gpu' : type;
}

/** Every process below this Node process (Chromium's tree and the emulator), with its kind and command line. */
export function processTree(emulatorPid) {
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => readStat(Number(d))).filter(Boolean);
  const children = new Map();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const found = [];
  const queue = [...(children.get(process.pid) ?? [])];
  while (queue.length) {
    const p = queue.shift();
    const withCmdline = { ...p, cmdline: cmdlineOf(p.pid) };
    found.push({ ...withCmdline, kind: kindOf(withCmdline, emulatorPid) });
    queue.push(...(children.get(p.pid) ?? []));
  }
  return found;
}

/** Busy CPU ticks of the whole machine (all cores), from the first line of /proc/stat. */
function machineBusyTicks() {
  const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return user + nice + system + irq + softirq + steal;
}

function cpuByKind(procs) {
  const out = {};
  for (const p of procs) out[p.kind] = (out[p.kind] ?? 0) + p.cpuTicks;
  return out;
}

/** Starts sampling; `stop()` returns peaks (bytes) and CPU seconds per process kind over the sampled span. */
export async function startMonitor(cdp, emulatorPid, intervalMs = 250) {
  await cdp.send('HeapProfiler.collectGarbage');
  // V8 heap plus ArrayBuffer backing stores: parts read into memory (FileReader, arrayBuffer()) live outside
  // the V8 heap proper, and JSHeapUsedSize alone would not see them.
  const heapNow = async () => {
    const { usedSize, backingStorageSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize + (backingStorageSize ?? 0);
  };
  const baselineHeap = await heapNow();
  const startCpu = cpuByKind(processTree(emulatorPid));
  const startBusy = machineBusyTicks();
  const startSelf = process.cpuUsage();
  const peak = { heap: baselineHeap, renderer: 0, chromium: 0 };
  let baselineRenderer;
  let samples = 0;
  let running = true;
  const sample = async () => {
    const chrome = processTree(emulatorPid)
      .filter((p) => !['emulator', 'other'].includes(p.kind))
      .map((p) => ({ ...p, ...memoryOf(p.pid) }));
    const renderer = Math.max(0, ...chrome.filter((p) => p.kind === 'renderer').map((p) => p.rssBytes));
    baselineRenderer ??= renderer;
    peak.renderer = Math.max(peak.renderer, renderer);
    peak.chromium = Math.max(peak.chromium, chrome.reduce((n, p) => n + p.pssBytes, 0));
    peak.heap = Math.max(peak.heap, await heapNow().catch(() => NaN));
    samples += 1;
  };
  const loop = (async () => {
    while (running) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await sample();
      const endCpu = cpuByKind(processTree(emulatorPid));
      const cpuSeconds = {};
      for (const [kind, ticks] of Object.entries(endCpu)) cpuSeconds[kind] = (ticks - (startCpu[kind] ?? 0)) / TICKS_PER_SECOND;
      const self = process.cpuUsage(startSelf);
      cpuSeconds.benchDriver = (self.user + self.system) / 1e6;
      // CPU the rest of the machine used meanwhile (other programs, and kernel threads such as page-cache
      // writeback): work competing for the same cores makes a run noisy.
      const ours = Object.values(cpuSeconds).reduce((a, b) => a + b, 0);
      cpuSeconds.otherProcesses = Math.max(0, (machineBusyTicks() - startBusy) / TICKS_PER_SECOND - ours);
      return {
        samples,
        baselineHeapBytes: baselineHeap,
        peakHeapBytes: peak.heap,
        baselineRendererRssBytes: baselineRenderer,
        peakRendererRssBytes: peak.renderer,
        peakChromiumPssBytes: peak.chromium,
        cpuSeconds,
      };
    },
  };
}
