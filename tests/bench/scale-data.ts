// bench:scale's data set: a company of REPS reps (250 at scale 1) and five years of history from
// the project's generator (src/lib/domain/generate-execution.ts, seeded), written as the command
// line's own CSV files (machine-key header, src/lib/export) for `npm run plan -- import`.
// Activities are the generator's entries summed into day cells (rep × type × day), which is what
// the activities import sets. The CSV deal format carries no stage history: the importer records
// one stage change per deal (its current stage, at its close or creation date).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_STAGES } from '../../src/lib/domain/exec-read';
import { generateExecution, type GeneratedExecution } from '../../src/lib/domain/generate-execution';
import { toCsv, type ColumnType, type ExportTable } from '../../src/lib/export';

export const REGIONS = ['North', 'East', 'South', 'West', 'Central'];
export const PRODUCTS = ['Core', 'Pro', 'Analytics'];

export interface DataSet {
	reps: number;
	deals: number;
	/** Generated activity entries, and the day cells they sum into (the rows of the CSV). */
	activityEntries: number;
	activityCells: number;
	actuals: number;
	files: { deals: string; activities: string; actuals: string; targets: string };
	/** Bytes of each file. */
	bytes: { deals: number; activities: number; actuals: number };
}

const table = (keys: readonly string[], types: Record<string, ColumnType>, rows: ExportTable['rows']): ExportTable => ({
	columns: keys.map((key) => ({ key, label: key, type: types[key] ?? 'text', ...(types[key] === 'money' ? { currency: 'CNY' } : {}) })),
	rows
});

/** Unique rep names (the generator's repeat: 224 name pairs for 250 people), so owners stay apart. */
function uniqueNames(data: GeneratedExecution): Map<string, string> {
	return new Map(data.reps.map((r) => [r.id, `${r.name} ${r.id.slice(4)}`]));
}

/**
 * Generates and writes the three CSV files into `dir`. `keepActivitiesFrom` (a 'YYYY-MM-DD')
 * drops activity cells dated before it (the single-document layout keeps only what stays live).
 */
export function writeDataSet(
	dir: string,
	label: string,
	options: { startMonth: string; months: number; reps: number; deals: number; activities: number; keepActivitiesFrom?: string }
): DataSet {
	const data = generateExecution({
		seed: 13,
		startMonth: options.startMonth,
		months: options.months,
		reps: options.reps,
		regions: REGIONS,
		teamsPerRegion: 4,
		deals: options.deals,
		activities: options.activities,
		products: PRODUCTS,
		stages: DEFAULT_STAGES
	});
	const name = uniqueNames(data);
	const stageOf = new Map(DEFAULT_STAGES.map((s) => [s.id, s]));
	const dealKeys = ['externalId', 'name', 'customer', 'amount', 'currency', 'stage', 'owner', 'region', 'product', 'createdAt', 'expectedClose', 'closedAt'];
	const deals = table(
		dealKeys,
		{ amount: 'money', createdAt: 'date', expectedClose: 'date', closedAt: 'date' },
		data.deals.map((d, i) => {
			const stage = stageOf.get(d.stage);
			const closed = stage?.isWon || stage?.isLost;
			return {
				externalId: `SCALE-${i + 1}`,
				name: `Deal ${i + 1}`,
				customer: d.customer,
				amount: d.amount,
				currency: d.currency,
				stage: stage?.name ?? d.stage,
				owner: name.get(d.owner) ?? d.owner,
				region: d.region,
				product: d.product,
				createdAt: d.createdAt,
				expectedClose: d.expectedClose,
				closedAt: closed ? (d.stageHistory.at(-1)?.at ?? d.expectedClose) : ''
			};
		})
	);
	const cells = new Map<string, number>();
	for (const a of data.activities) {
		if (options.keepActivitiesFrom && a.date < options.keepActivitiesFrom) continue;
		const key = `${a.date}|${a.rep}|${a.type}`;
		cells.set(key, (cells.get(key) ?? 0) + a.count);
	}
	const activities = table(
		['date', 'rep', 'type', 'count'],
		{ date: 'date', count: 'number' },
		[...cells].map(([key, count]) => {
			const [date, rep, type] = key.split('|') as [string, string, string];
			return { date, rep: name.get(rep) ?? rep, type, count };
		})
	);
	const actuals = table(
		['period', 'rep', 'region', 'product', 'revenue', 'collections', 'grossMargin', 'newCustomers'],
		{ revenue: 'money', collections: 'money', grossMargin: 'money', newCustomers: 'number' },
		data.actuals.map((a) => ({
			period: a.period,
			rep: name.get(a.rep) ?? a.rep,
			region: a.region,
			product: a.product,
			revenue: a.revenue,
			collections: a.collections,
			grossMargin: a.grossMargin,
			newCustomers: a.newCustomers
		}))
	);
	// An annual target per rep far above what they sell and win, so the cockpit's gap and pipeline coverage (open pipeline / (target − won)) are defined.
	const targets = table(
		['rep', 'target'],
		{ target: 'money' },
		data.reps.map((r) => ({ rep: name.get(r.id) ?? r.id, target: 1_000_000_000 }))
	);
	const files = {
		deals: join(dir, `${label}-deals.csv`),
		activities: join(dir, `${label}-activities.csv`),
		actuals: join(dir, `${label}-actuals.csv`),
		targets: join(dir, `${label}-targets.csv`)
	};
	writeFileSync(files.targets, toCsv(targets, 'key'), 'utf8');
	const write = (file: string, t: ExportTable) => {
		const text = toCsv(t, 'key');
		writeFileSync(file, text, 'utf8');
		return Buffer.byteLength(text);
	};
	const bytes = { deals: write(files.deals, deals), activities: write(files.activities, activities), actuals: write(files.actuals, actuals) };
	return {
		reps: data.reps.length,
		deals: data.deals.length,
		activityEntries: data.activities.length,
		activityCells: activities.rows.length,
		actuals: actuals.rows.length,
		files,
		bytes
	};
}
