import { dayIn } from '../domain/plan-clock';

export type ExportFormat = 'csv' | 'xlsx';

/** Characters no file system or browser download accepts, and control characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f]+/g;

function slug(text: string): string {
	return text.replace(UNSAFE, '-').replace(/\s+/g, ' ').trim().slice(0, 80) || 'plan';
}

/** `<plan>-<table>-<date>.<ext>`, the date being today in the plan's time zone. */
export function exportFileName(planTitle: string, table: string, format: ExportFormat, timeZone: string, nowMs: number = Date.now()): string {
	let day: string;
	try {
		day = dayIn(nowMs, timeZone || 'UTC');
	} catch {
		day = dayIn(nowMs, 'UTC');
	}
	return fileNameOn(planTitle, table, format, day);
}

/**
 * `<plan>-<table>-<day>.<ext>` for a day the caller already knows: the app passes the plan's
 * "today" (PlanNow, the plan's zone and the injected clock), so the name matches every dashboard.
 */
export function fileNameOn(planTitle: string, table: string, extension: string, day: string): string {
	return `${slug(planTitle)}-${slug(table)}-${day}.${extension}`;
}
