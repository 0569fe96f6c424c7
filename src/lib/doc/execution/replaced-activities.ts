import type * as Y from 'yjs';
import { normalizeAbsorbed, type AbsorbedRanges } from '../../domain/archive/absorbed';
import { activityEntryCell } from '../../domain/activity-entry';
import { forEachActivityItem } from './activity-items';
import { execRoots } from './schema';

/**
 * The live entries an import of activity history replaces, by month, as absorbed ranges
 * (domain/archive/absorbed.ts): every live entry in a cell (`date|rep|type`) the import sets in
 * that month's archive. They travel with the set (PUT …/activities/<month>/cells), so a reader
 * holding the new version never counts them beside the imported count, whether or not the
 * import's live write (which deletes the same entries, apply-import.ts) has happened yet.
 */
export function replacedActivityEntries(doc: Y.Doc, cells: Iterable<{ date: string; rep: string; type: string }>): Map<string, AbsorbedRanges> {
	const keys = new Set<string>();
	for (const c of cells) keys.add(`${c.date}|${c.rep}|${c.type}`);
	const byMonth = new Map<string, Map<number, Array<[number, number]>>>();
	if (keys.size === 0) return new Map();
	forEachActivityItem(execRoots(doc).activities, (client, clock, entries) => {
		entries.forEach((e, i) => {
			// The same match as the live write's deletion (apply-import.ts), valid or not.
			const cell = activityEntryCell(e);
			if (cell === null || !keys.has(cell)) return;
			const month = cell.slice(0, 7);
			let clients = byMonth.get(month);
			if (!clients) byMonth.set(month, (clients = new Map()));
			const ranges = clients.get(client);
			if (ranges) ranges.push([clock + i, 1]);
			else clients.set(client, [[clock + i, 1]]);
		});
	});
	return new Map([...byMonth].map(([month, clients]) => [month, normalizeAbsorbed(clients)]));
}
