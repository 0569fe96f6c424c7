import { actualCells, actualDocKey, storedActual, type ActualColumns } from '../domain/archive/actual-archive';
import type * as Y from 'yjs';
import { forEachActivityItem } from '../doc/execution/activity-items';
import { execRoots } from '../doc/execution/schema';
import { isAbsorbed, unionAbsorbed } from '../domain/archive/absorbed';
import { activityCells, type ActivityColumns } from '../domain/archive/activity-archive';
import { dealSearch, dealSearchContext, type DealTableQuery } from '../domain/deal-search';
import { isPlainObject, readActivities, readActual } from '../domain/exec-read';
import { isCurrencyCode } from '../domain/fx';
import type { Actual, PipelineStage, Rep } from '../domain/execution';
import type { DealsQuery, ExecProjection } from '../doc/execution/projection';
import type { ExportTable } from './table';
import { activitiesTable } from './tables/activities';
import { actualsTable } from './tables/actuals';
import { dealsTable } from './tables/deals';
import type { ExportLocale } from './tables/labels';

/**
 * The execution tables from an execution document, for the app's export buttons and the command
 * line: every readable record (records with errors are listed by the data-quality panel instead).
 * Imported lazily with the exporters.
 */
export function execDealsTable(
	projection: ExecProjection,
	query: DealsQuery,
	locale: ExportLocale,
	currency?: string,
	stages?: readonly PipelineStage[],
	reps?: readonly Rep[]
): ExportTable {
	return dealsTable(projection.dealsBehind({ ...query, limit: Infinity }), stages ?? projection.stages(), reps ?? projection.reps(), locale, currency);
}

/** The deals table as the person sees it (search, filters and sort of the deal table; every page). */
export function execDealTableRows(projection: ExecProjection, query: DealTableQuery, locale: ExportLocale, currency?: string): ExportTable {
	const rows = dealSearch(projection.dealList(), dealSearchContext(projection.reps(), projection.stages()))
		.matching(query)
		.map((item) => item.deal);
	return dealsTable(rows, projection.stages(), projection.reps(), locale, currency);
}

/**
 * Live entries and, when given, archived months (their day cells); a live entry an archived month
 * absorbed is listed once, as part of its archived cell (docs/metrics.md, "Which entries count").
 */
export function execActivitiesTable(doc: Y.Doc, reps: readonly Rep[], locale: ExportLocale, archives: readonly ActivityColumns[] = []): ExportTable {
	const absorbed = unionAbsorbed(...archives.map((m) => m.absorbed));
	const live: unknown[] = [];
	forEachActivityItem(execRoots(doc).activities, (client, clock, entries) =>
		entries.forEach((entry, i) => {
			if (!isAbsorbed(absorbed, client, clock + i)) live.push(entry);
		})
	);
	return activitiesTable([...archives.flatMap(activityCells), ...readActivities(live, {}).valid], reps, locale);
}

/** `archives`: the archived actual months held (the server's, for the CLI): their cells are listed where no live cell has the key. */
export function execActualsTable(
	doc: Y.Doc,
	reps: readonly Rep[],
	locale: ExportLocale,
	currency?: string,
	archives: readonly ActualColumns[] = []
): ExportTable {
	const actuals: Array<Actual & { currency?: string }> = [];
	const live = execRoots(doc).actuals;
	const archived: Array<[string, unknown]> = [];
	for (const month of archives)
		for (const cell of actualCells(month).values()) {
			const key = cell && actualDocKey(month.period, cell);
			if (cell && key && !live.has(key)) archived.push([key, storedActual(cell)]);
		}
	for (const [key, raw] of [...archived, ...live.entries()]) {
		// Read without rules: the values as entered, with the currency they were entered in.
		const { actual } = readActual(key, raw, {});
		const entered = isPlainObject(raw) && isCurrencyCode(raw.currency) ? raw.currency : undefined;
		if (actual) actuals.push(entered ? { ...actual, currency: entered } : actual);
	}
	return actualsTable(actuals, reps, locale, currency);
}
