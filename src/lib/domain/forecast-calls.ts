/**
 * Forecast calls: what a rep (or a manager for their team, region or the company) says a period
 * will bring — commit, best case, pipeline — with a note; a manager's adjustment of a call, with
 * the reason. Every submission is kept (append-only), so last week's call can be set beside this
 * week's, and past calls beside what closed (accuracy). Pure.
 */
import { isPlainObject } from './exec-read';
import { dayIn } from './plan-clock';

export interface ForecastCall {
	id: string;
	/** The org node the call is for (a rep id, team, region or company node of the roll-up). */
	subject: string;
	/** The months called, 'YYYY-MM..YYYY-MM' (one month: from = to). */
	period: string;
	commit: number;
	bestCase: number;
	pipeline: number;
	note: string;
	/** A manager's adjustment of the call `adjusts` (with a reason), or a submission (null). */
	adjusts: string | null;
	reason: string;
	/** Who, by the name they go by in the app. */
	by: string;
	/** When, as an instant. */
	at: string;
}

export type CallInput = Pick<ForecastCall, 'subject' | 'period' | 'commit' | 'bestCase' | 'pipeline' | 'note' | 'adjusts' | 'reason' | 'by'>;

export const MAX_CALL_TEXT = 1000;
const PERIOD = /^(\d{4}-(0[1-9]|1[0-2]))\.\.(\d{4}-(0[1-9]|1[0-2]))$/;

export const periodKey = (from: string, to: string) => `${from}..${to}`;

export function periodRange(key: string): { from: string; to: string } | null {
	const match = PERIOD.exec(key);
	if (!match || match[1]! > match[3]!) return null;
	return { from: match[1]!, to: match[3]! };
}

export type CallProblem = { field: keyof CallInput; code: 'required' | 'notNumber' | 'belowMin' | 'aboveMax' | 'order' | 'tooLong' | 'period' };

/** The first problem of a call, or null. Best case includes commit, so it is at least commit. */
export function checkCall(input: CallInput, maxValue: number): CallProblem | null {
	if (!input.subject.trim()) return { field: 'subject', code: 'required' };
	if (!periodRange(input.period)) return { field: 'period', code: 'period' };
	for (const field of ['commit', 'bestCase', 'pipeline'] as const) {
		const value = input[field];
		if (typeof value !== 'number' || !Number.isFinite(value)) return { field, code: 'notNumber' };
		if (value < 0) return { field, code: 'belowMin' };
		if (value > maxValue) return { field, code: 'aboveMax' };
	}
	if (input.bestCase < input.commit) return { field: 'bestCase', code: 'order' };
	if (input.note.length > MAX_CALL_TEXT) return { field: 'note', code: 'tooLong' };
	if (input.adjusts !== null && !input.reason.trim()) return { field: 'reason', code: 'required' };
	if (input.reason.length > MAX_CALL_TEXT) return { field: 'reason', code: 'tooLong' };
	if (!input.by.trim()) return { field: 'by', code: 'required' };
	return null;
}

/** The stored calls that read as calls (a peer's malformed entry is skipped), oldest first. */
export function readCalls(raw: readonly unknown[], maxValue: number): ForecastCall[] {
	const calls: ForecastCall[] = [];
	for (const entry of raw) {
		if (!isPlainObject(entry) || typeof entry.id !== 'string' || typeof entry.at !== 'string' || !Number.isFinite(Date.parse(entry.at))) continue;
		const call: ForecastCall = {
			id: entry.id,
			subject: String(entry.subject ?? ''),
			period: String(entry.period ?? ''),
			commit: entry.commit as number,
			bestCase: entry.bestCase as number,
			pipeline: entry.pipeline as number,
			note: typeof entry.note === 'string' ? entry.note : '',
			adjusts: typeof entry.adjusts === 'string' ? entry.adjusts : null,
			reason: typeof entry.reason === 'string' ? entry.reason : '',
			by: String(entry.by ?? ''),
			at: entry.at
		};
		if (checkCall(call, maxValue) === null) calls.push(call);
	}
	// Replicas may hold concurrent appends in different orders: one order everywhere.
	return calls.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A subject's calls for a period, each submission with its adjustments, newest first. */
export interface CallThread {
	call: ForecastCall;
	adjustments: ForecastCall[];
	/** What stands: the latest adjustment, else the submission. */
	standing: ForecastCall;
}

export function callThreads(calls: readonly ForecastCall[], subject: string, period: string): CallThread[] {
	const submissions = calls.filter((c) => c.subject === subject && c.period === period && c.adjusts === null);
	return submissions
		.map((call) => {
			const adjustments = calls.filter((c) => c.adjusts === call.id);
			return { call, adjustments, standing: adjustments.at(-1) ?? call };
		})
		.reverse();
}

/**
 * What stood for a subject and period at the end of `day` (plan time zone): the latest
 * submission made by then, as adjusted by then; null when none was made.
 */
export function callOn(calls: readonly ForecastCall[], subject: string, period: string, day: string, timeZone: string): ForecastCall | null {
	const by = (c: ForecastCall) => dayIn(Date.parse(c.at), timeZone) <= day;
	const submission = calls.filter((c) => c.subject === subject && c.period === period && c.adjusts === null && by(c)).at(-1);
	if (!submission) return null;
	return calls.filter((c) => c.adjusts === submission.id && by(c)).at(-1) ?? submission;
}

export interface AccuracyRow {
	subject: string;
	period: string;
	/** The commit that stood at the period's end. */
	called: number;
	/** Closed-won revenue of the period. */
	won: number;
	/** (called − won) ÷ won in percent: positive = over-called; null when nothing was won. */
	errorPct: number | null;
}

/**
 * Past calls beside what closed: for each subject and finished period with a call, the commit
 * that stood on the period's last day against the period's closed-won revenue.
 */
export function callAccuracy(
	calls: readonly ForecastCall[],
	finishedPeriods: ReadonlyArray<{ period: string; lastDay: string }>,
	won: (subject: string, period: string) => number,
	timeZone: string
): AccuracyRow[] {
	const rows: AccuracyRow[] = [];
	const subjects = [...new Set(calls.map((c) => c.subject))].sort();
	for (const { period, lastDay } of finishedPeriods) {
		for (const subject of subjects) {
			const standing = callOn(calls, subject, period, lastDay, timeZone);
			if (!standing) continue;
			const actual = won(subject, period);
			rows.push({ subject, period, called: standing.commit, won: actual, errorPct: actual > 0 ? ((standing.commit - actual) / actual) * 100 : null });
		}
	}
	return rows;
}

/** 'YYYY-MM-DD' `n` days after `day` (negative: before); calendar days, no time zone involved. */
export function addDays(day: string, n: number): string {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The last day of a month 'YYYY-MM'. */
export function lastDayOf(month: string): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The fiscal quarter (three months of `fiscalMonths`, the plan year's 12 months) holding `month`; null outside the year. */
export function fiscalQuarterOf(month: string, fiscalMonths: readonly string[]): { from: string; to: string } | null {
	const index = fiscalMonths.indexOf(month);
	if (index < 0) return null;
	const start = index - (index % 3);
	return { from: fiscalMonths[start]!, to: fiscalMonths[start + 2] ?? fiscalMonths[fiscalMonths.length - 1]! };
}
