/**
 * Resource use of a process from /proc (Linux): peak resident memory (VmHWM), current RSS,
 * and CPU seconds (utime + stime; worker threads are included since they are threads of it).
 */
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

export interface ProcSample {
  /** Resident set now, MiB. */
  readonly rssMiB: number;
  /** Peak resident set since the process started, MiB. */
  readonly peakRssMiB: number;
  /** User + system CPU time so far, seconds. */
  readonly cpuSeconds: number;
}

export function sampleProcess(pid: number): ProcSample | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return { rssMiB: kib('VmRSS') / 1024, peakRssMiB: kib('VmHWM') / 1024, cpuSeconds: (utime + stime) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** Child processes of a pid (from /proc/PID/task/PID/children). */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
