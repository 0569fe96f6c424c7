// workerd's resident set, read from /proc (Linux): the processes of a bench server's process
// group (wrangler dev runs two workerd processes, its proxy and the app; both are counted).
// Shared by bench:room-memory and bench:scale.
import { readFileSync, readdirSync } from 'node:fs';

/** The workerd processes in a process group (the server's: wrangler starts them). */
export function workerdPids(group: number): number[] {
	const pids: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			// /proc/<pid>/stat: "pid (comm) state ppid pgrp …"; comm may hold spaces, so split after ")".
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const [, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(pgrp) === group && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('workerd')) pids.push(Number(entry));
		} catch {
			// gone meanwhile
		}
	}
	return pids;
}

/** VmRSS (resident now) or VmHWM (peak resident) of one process, in kB. */
export function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
}

/** The summed VmRSS / VmHWM of these processes, in bytes. */
export function residentBytes(pids: readonly number[], field: 'VmRSS' | 'VmHWM'): number {
	return pids.reduce((sum, pid) => sum + statusKb(pid, field) * 1024, 0);
}
