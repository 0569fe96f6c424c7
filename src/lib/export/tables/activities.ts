import type { Activity, Rep } from '../../domain/execution';
import type { ExportTable } from '../table';
import { columns } from './columns';
import type { ExportLocale } from './labels';

/** Daily activity counts, one row per date × rep × type (entries of the same cell added up), by date. */
export function activitiesTable(activities: readonly Activity[], reps: readonly Rep[], locale: ExportLocale): ExportTable {
	const repNames = new Map(reps.map((r) => [r.id, r.name]));
	const cells = new Map<string, Activity>();
	for (const a of activities) {
		const key = `${a.date}|${a.rep}|${a.type}`;
		const found = cells.get(key);
		if (found) found.count += a.count;
		else cells.set(key, { ...a });
	}
	const rows = [...cells.values()]
		.sort((a, b) => a.date.localeCompare(b.date) || a.rep.localeCompare(b.rep) || a.type.localeCompare(b.type))
		.map((a) => ({ date: a.date, rep: repNames.get(a.rep) ?? a.rep, type: a.type, count: a.count }));
	return {
		columns: columns(locale, [
			['date', 'date'],
			['rep', 'text'],
			['type', 'text'],
			['count', 'number']
		]),
		rows
	};
}
