// The execution room of bench:scale's company (250 reps), built in Node as the command line's
// imports write it: its own live deals (through the execution commands, stage history included),
// the two live months of activity day cells (one push, as the activities import sets them; packed,
// or as records like documents recorded before), this
// fiscal year's actuals (one transaction) and the archive manifest of five years. Shared by
// bench:exec-room-heap (Node) and bench:exec-room-memory (workerd).
import * as Y from 'yjs';
import { DEFAULT_STAGES } from '$lib/domain/exec-read';
import { ACTIVITY_TYPES, type Activity } from '$lib/domain/execution';
import { generateExecution } from '$lib/domain/generate-execution';
import { addDeals, setActual, setStages } from '$lib/doc/execution/commands';
import { recordArchive } from '$lib/doc/execution/archive-manifest';
import { execRoots } from '$lib/doc/execution/schema';
import { packActivity } from '$lib/domain/activity-entry';

export const DEALS = Number(process.env.BENCH_DEALS ?? 3149);
export const CELLS = Number(process.env.BENCH_CELLS ?? 47312);
export const ACTUALS = Number(process.env.BENCH_ACTUALS ?? 9000);
const REPS = 250;

/** Structs in the document's store: what MAX_DOC_ITEMS counts. */
export function items(doc: Y.Doc): number {
	let n = 0;
	for (const structs of doc.store.clients.values()) n += structs.length;
	return n;
}

/** Day cells of the two live months: REPS reps × days × types, as the activities import sets them. */
function activityCells(count: number): Activity[] {
	const out: Activity[] = [];
	const days: string[] = [];
	for (let d = new Date(Date.UTC(2026, 10, 1)); d < new Date(Date.UTC(2027, 0, 1)); d.setUTCDate(d.getUTCDate() + 1)) days.push(d.toISOString().slice(0, 10));
	let i = 0;
	outer: for (const date of days) {
		for (let r = 0; r < REPS; r++) {
			for (const type of ACTIVITY_TYPES) {
				if (out.length >= count) break outer;
				i++;
				// Not every rep logs every type every day (the company's 47k cells are ~3 of 5 types a day).
				if (i % 5 === 4 || i % 7 === 6) continue;
				out.push({ date, rep: `Rep ${String(r + 1).padStart(3, '0')} ${(r * 7919) % 10000}`, type, count: 1 + (i % 9) });
			}
		}
	}
	return out;
}

export interface Parts {
	deals: boolean;
	activities: boolean;
	actuals: boolean;
	manifest: boolean;
	/** How the activity cells are stored: packed strings (the app since the room-memory work) or records (documents recorded before). */
	activityForm?: 'packed' | 'records';
}

export function buildExecRoom(parts: Parts): Y.Doc {
	const doc = new Y.Doc();
	setStages(doc, DEFAULT_STAGES);
	const data = generateExecution({
		seed: 13,
		startMonth: '2026-01',
		months: 12,
		reps: REPS,
		regions: ['North', 'East', 'South', 'West', 'Central'],
		teamsPerRegion: 4,
		deals: parts.deals ? DEALS : 0,
		activities: 0,
		products: ['Core', 'Pro', 'Analytics'],
		stages: DEFAULT_STAGES
	});
	if (parts.deals) for (let i = 0; i < data.deals.length; i += 5000) addDeals(doc, data.deals.slice(i, i + 5000));
	if (parts.activities) {
		const cells = activityCells(CELLS);
		// One push, as the activities import writes its live part.
		doc.transact(() => execRoots(doc).activities.push(parts.activityForm === 'records' ? cells : cells.map(packActivity)));
	}
	if (parts.actuals) {
		doc.transact(() => {
			let n = 0;
			for (let m = 1; m <= 12 && n < ACTUALS; m++) {
				for (let r = 0; r < REPS && n < ACTUALS; r++) {
					for (const product of ['Core', 'Pro', 'Analytics']) {
						if (n++ >= ACTUALS) break;
						const period = `2026-${String(m).padStart(2, '0')}`;
						setActual(
							doc,
							{ period, rep: `Rep ${r}`, region: 'North', product },
							{ revenue: 1000 * r + m, collections: 900 * r, grossMargin: 300 * r, newCustomers: r % 4 }
						);
					}
				}
			}
		});
	}
	if (parts.manifest) {
		for (let m = 0; m < 60; m++) {
			const month = `${2022 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
			for (const kind of ['deals', 'activities', 'actuals'] as const) recordArchive(doc, { kind, month, version: 1, sha256: 'a'.repeat(64), rows: 1000 }, null);
		}
	}
	return doc;
}

export const ALL_PARTS: Parts = { deals: true, activities: true, actuals: true, manifest: true };
