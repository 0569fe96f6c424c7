import { writeFile } from 'node:fs/promises';
import * as Y from 'yjs';
import { createProjection } from '../lib/doc/execution/projection';
import { readOverview } from '../lib/doc/overview';
import { execActivitiesTable, execActualsTable, execDealsTable } from '../lib/export/exec-tables';
import { toCsv, type ExportTable } from '../lib/export';
import type { ExportTableName } from './args';

/** What a table looks like from the plan's two documents (the command line writes machine keys). */
export function buildTable(table: ExportTableName, planDoc: Y.Doc, execDoc: Y.Doc): ExportTable {
	const { currency } = readOverview(planDoc).values;
	const projection = createProjection(execDoc);
	try {
		const reps = projection.reps();
		switch (table) {
			case 'deals':
				return execDealsTable(projection, {}, 'en', currency, undefined, reps);
			case 'activities':
				return execActivitiesTable(execDoc, reps, 'en');
			case 'actuals':
				return execActualsTable(execDoc, reps, 'en', currency);
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
