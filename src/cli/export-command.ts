import type { ActualColumns } from '../lib/domain/archive/actual-archive';
import type { ActivityColumns } from '../lib/domain/archive/activity-archive';
import { writeFile } from 'node:fs/promises';
import * as Y from 'yjs';
import { createProjection } from '../lib/doc/execution/projection';
import { readOverview } from '../lib/doc/overview';
import { readTargets } from '../lib/doc/targets';
import { linkedTeamPreview } from '../lib/doc/team';
import { readLegacyReps } from '../lib/doc/execution/legacy-reps';
import { UNASSIGNED } from './team';
import { fiscalPeriod } from '../lib/domain/plan/fiscal-year';
import { execActivitiesTable, execActualsTable, execDealsTable } from '../lib/export/exec-tables';
import { targetsTable, toCsv, type ExportTable } from '../lib/export';
import type { ExportTableName } from './args';
import { CliError } from './errors';

/**
 * The target decomposition as the app computes it: one row for the company, the reserve, each
 * unit and each rep, with the fiscal months as 'm:YYYY-MM' columns (what `import targets` reads back).
 */
function targetsExport(planDoc: Y.Doc): ExportTable {
	const { values } = readOverview(planDoc);
	const targets = readTargets(planDoc);
	if (!targets.result?.ok)
		throw new CliError(
			targets.result
				? `the plan's targets do not decompose: ${targets.result.violations.map((v) => `${v.code} ${JSON.stringify(v.params)}`).join('; ')}`
				: 'the plan has no annual target yet'
		);
	const start = fiscalPeriod(values.fiscalYear, values.fiscalStartMonth)?.start ?? `${values.fiscalYear}-01-01`;
	const [year, month] = start.split('-').map(Number) as [number, number];
	const monthKeys = Array.from({ length: 12 }, (_, i) => {
		const at = (month - 1 + i) % 12;
		return `${year + Math.floor((month - 1 + i) / 12)}-${String(at + 1).padStart(2, '0')}`;
	});
	const names = new Map(targets.units.flatMap(({ unit }) => [[unit.id, unit.name] as const, ...unit.reps.map((r) => [r.id, r.name] as const)]));
	return targetsTable(targets.result.decomposition, monthKeys, (id) => names.get(id) ?? id, 'en', values.currency);
}

/** What a table looks like from the plan's two documents (the command line writes machine keys). */
/**
 * `activityArchives`: the plan's archived activity months (the server's), listed with the live
 * entries they did not absorb; `actualArchives`: its archived actual months, listed where no live
 * cell has the key.
 */
export function buildTable(
	table: ExportTableName,
	planDoc: Y.Doc,
	execDoc: Y.Doc,
	activityArchives: readonly ActivityColumns[] = [],
	actualArchives: readonly ActualColumns[] = []
): ExportTable {
	if (table === 'targets') return targetsExport(planDoc);
	const { currency } = readOverview(planDoc).values;
	const projection = createProjection(execDoc);
	// The one team list: the plan's, as linked with the execution document's old list (not written).
	projection.setTeam(linkedTeamPreview(planDoc, readLegacyReps(execDoc), UNASSIGNED));
	try {
		const reps = projection.reps();
		switch (table) {
			case 'deals':
				return execDealsTable(projection, {}, 'en', currency, undefined, reps);
			case 'activities':
				return execActivitiesTable(execDoc, reps, 'en', activityArchives);
			case 'actuals':
				return execActualsTable(execDoc, reps, 'en', currency, actualArchives);
			case 'team':
				return {
					columns: [
						{ key: 'name', label: 'name', type: 'text' },
						{ key: 'team', label: 'team', type: 'text' },
						{ key: 'region', label: 'region', type: 'text' },
						{ key: 'hireDate', label: 'hireDate', type: 'date' }
					],
					rows: reps.map((r) => ({ name: r.name, team: r.team, region: r.region, hireDate: r.hireDate || null }))
				};
		}
	} finally {
		projection.destroy();
	}
}

/** Writes the table to `out` with machine keys as the header. Returns the number of rows. */
export async function writeExport(table: ExportTable, format: 'csv' | 'xlsx', out: string): Promise<number> {
	if (format === 'csv') await writeFile(out, toCsv(table, 'key'), 'utf8');
	else {
		const { toXlsx } = await import('../lib/export/xlsx');
		await writeFile(out, await toXlsx(table, { header: 'key' }));
	}
	return table.rows.length;
}
