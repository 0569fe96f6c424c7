import type * as Y from 'yjs';
import { generateExecution, type GenerateOptions, type GeneratedExecution } from '../../domain/generate-execution';
import { addActivities, addDeals, addRep, setActual, setStages } from './commands';
import { DEFAULT_STAGES } from '../../domain/exec-read';

/** The demo plan's execution data: 18 months, 8 reps in 3 regions, a few hundred deals. */
export function demoOptions(startMonth: string, seed = 2026): GenerateOptions {
	return {
		seed,
		startMonth,
		months: 18,
		reps: 8,
		regions: ['North', 'East', 'South'],
		teamsPerRegion: 1,
		deals: 400,
		activities: 12_000,
		stages: DEFAULT_STAGES
	};
}

/** The benchmark's data set: 36 months, 200 reps, 100k deals, 1M activity entries. */
export function benchmarkOptions(seed = 42): GenerateOptions {
	return {
		seed,
		startMonth: '2024-01',
		months: 36,
		reps: 200,
		regions: ['North', 'East', 'South', 'West', 'Central'],
		teamsPerRegion: 4,
		deals: 100_000,
		activities: 1_000_000,
		stages: DEFAULT_STAGES
	};
}

/** Rows per transaction when writing: large enough to be fast, small enough not to stall. */
const BATCH = 10_000;

/**
 * Writes generated execution data into an execution doc through the commands (so it is
 * validated like a form's input), batched in transactions. Returns what was generated and how
 * many rows the commands refused (0 for generated data; anything else is a generator bug).
 */
export function seedExecution(
	doc: Y.Doc,
	options: GenerateOptions,
	/** Renames the generated data before it is stored (the demo, in the plan's language). */
	rename: (data: GeneratedExecution) => GeneratedExecution = (data) => data
): GeneratedExecution & { refused: number } {
	const data = rename(generateExecution(options));
	let refused = 0;
	doc.transact(() => {
		if (setStages(doc, options.stages)) refused++;
		for (const rep of data.reps) if (!addRep(doc, rep).ok) refused++;
	});
	for (let i = 0; i < data.deals.length; i += BATCH) {
		refused += addDeals(doc, data.deals.slice(i, i + BATCH)).filter((r) => !r.ok).length;
	}
	for (let i = 0; i < data.activities.length; i += BATCH) {
		refused += addActivities(doc, data.activities.slice(i, i + BATCH)).length;
	}
	for (let i = 0; i < data.actuals.length; i += BATCH) {
		doc.transact(() => {
			for (const a of data.actuals.slice(i, i + BATCH)) {
				const { period, rep, region, product, ...values } = a;
				if (setActual(doc, { period, rep, region, product }, values)) refused++;
			}
		});
	}
	return { ...data, refused };
}
