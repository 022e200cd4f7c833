// Memory of the processes this one started (Chromium: its browser, renderer, GPU and utility processes),
// sampled from /proc while a phase runs. Renderers come and go with each print job, so their peaks are
// caught by sampling, not read once at the end. Linux only; elsewhere the figures stay null.
import { readdirSync, readFileSync } from 'node:fs';

export interface ChildMemory {
  /** Processes seen below this one during the phase. */
  readonly processes: number;
  /** The largest sum of resident memory at one sample (shared pages counted once per process). */
  readonly peakRssBytes: number | null;
  /** The largest sum of proportional set sizes at one sample (shared pages split between processes). */
  readonly peakPssBytes: number | null;
  /** Each process's own peak (VmHWM) as last read, summed: an upper bound, as the peaks need not coincide. */
  readonly summedPeaksBytes: number | null;
}

export interface ChildMemorySampler {
  stop(): ChildMemory;
}

function readKilobytes(path: string, field: string): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(path, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Every process below `root`, from each process's parent in /proc/<pid>/stat. */
function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: the parent is the second field after it.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const siblings = children.get(parent) ?? [];
      siblings.push(Number(name));
      children.set(parent, siblings);
    } catch {
      // Gone between the listing and the read.
    }
  }
  const found: number[] = [];
  for (let pending = [...(children.get(root) ?? [])]; pending.length > 0;) {
    const pid = pending.pop() ?? 0;
    found.push(pid);
    pending.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** Samples this process's descendants every `intervalMs` until `stop()`. */
export function sampleChildMemory(intervalMs = 100): ChildMemorySampler {
  const supported = process.platform === 'linux';
  const peaks = new Map<number, number>();
  let peakRss = 0;
  let peakPss = 0;
  const sample = (): void => {
    let rss = 0;
    let pss = 0;
    for (const pid of descendantsOf(process.pid)) {
      rss += readKilobytes(`/proc/${pid}/status`, 'VmRSS') ?? 0;
      pss += readKilobytes(`/proc/${pid}/smaps_rollup`, 'Pss') ?? 0;
      const peak = readKilobytes(`/proc/${pid}/status`, 'VmHWM');
      if (peak !== null) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, peak));
    }
    peakRss = Math.max(peakRss, rss);
    peakPss = Math.max(peakPss, pss);
  };
  if (supported) sample();
  const timer = supported ? setInterval(sample, intervalMs) : null;
  return {
    stop() {
      if (timer !== null) clearInterval(timer);
      if (!supported) return { processes: 0, peakRssBytes: null, peakPssBytes: null, summedPeaksBytes: null };
      sample();
      return {
        processes: peaks.size,
        peakRssBytes: peakRss,
        peakPssBytes: peakPss,
        summedPeaksBytes: [...peaks.values()].reduce((sum, bytes) => sum + bytes, 0),
      };
    },
  };
}
