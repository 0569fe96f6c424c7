import type { Activity } from './execution';

/**
 * How one live activity entry is stored in the execution document's `activities` array.
 *
 * Written since issue 13's room-memory work as one packed string, `date|type|count|rep` (rep last:
 * a rep key may itself hold '|'); documents recorded before hold JSON records `{ date, rep, type,
 * count }`, and both read alike forever — no stored entry is rewritten (the live window is two
 * months, so the archiver moves the old form out on its own). Why: the execution room decodes
 * every live entry when it loads, and a record costs Yjs seven string decodes (four keys, three
 * values) and an object, a packed entry one string — measured at the company's size, the records'
 * load took ~30 MiB more of workerd's resident set than the whole rest of the room
 * (docs/benchmarks.md, "The execution room's memory"). Entries still add up and keep their Yjs
 * ids, so merging and the archiver's absorbed ranges are unchanged.
 */
export function packActivity(entry: Pick<Activity, 'date' | 'rep' | 'type' | 'count'>): string {
	return `${entry.date}|${entry.type}|${entry.count}|${entry.rep}`;
}

/** The fields of a stored entry in either form, unchecked (a peer may store anything); null when it is neither. */
export interface ActivityFields {
	date: unknown;
	rep: unknown;
	type: unknown;
	count: unknown;
	/** A record with keys other than these four (the archiver leaves such an entry live). */
	extraKeys?: boolean;
}

const PACKED = /^([^|]*)\|([^|]*)\|([^|]*)\|([\s\S]*)$/;

/**
 * Example: `'2026-11-03|call|5|Rep 7'` → `{ date: '2026-11-03', rep: 'Rep 7', type: 'call', count: 5 }`;
 * `{ date, rep, type, count }` → the same fields; `42` → null. A packed count that is not a
 * plain decimal integer reads as NaN, so validation reports it rather than guessing.
 */
export function activityFields(raw: unknown): ActivityFields | null {
	if (typeof raw === 'string') {
		const m = PACKED.exec(raw);
		if (!m) return null;
		const count = /^\d{1,15}$/.test(m[3]!) ? Number(m[3]) : Number.NaN;
		return { date: m[1], type: m[2], count, rep: m[4] };
	}
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
	const proto = Object.getPrototypeOf(raw);
	if (proto !== Object.prototype && proto !== null) return null;
	const record = raw as Record<string, unknown>;
	const extraKeys = Object.keys(record).some((key) => key !== 'date' && key !== 'rep' && key !== 'type' && key !== 'count');
	return { date: record.date, rep: record.rep, type: record.type, count: record.count, ...(extraKeys ? { extraKeys } : {}) };
}

/** The cell an entry counts towards, `date|rep|type` (entries of one cell add up), or null for an unreadable entry. */
export function activityEntryCell(raw: unknown): string | null {
	const f = activityFields(raw);
	return f ? `${String(f.date)}|${String(f.rep)}|${String(f.type)}` : null;
}
