import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { readArchiveManifest } from '../../src/lib/doc/execution/archive-manifest';
import { readOverview } from '../../src/lib/doc/overview';
import { execRoots } from '../../src/lib/doc/execution/schema';
import { actualCells } from '../../src/lib/domain/archive/actual-archive';
import { actualsWindowStart } from '../../src/lib/domain/archive/live-window';
import { addMonths } from '../../src/lib/domain/dates';
import { planNow } from '../../src/lib/domain/plan-clock';
import { archivedActualsForImport, fetchArchiveManifest } from '../../src/lib/import/archive-client';
import { openRemoteDoc } from '../../src/cli/remote-doc';
import { cliPlan } from './cli-plan';
import { lastLine, runPlan } from './run-plan';

/**
 * `npm run plan -- import actuals` with five years of a 250-rep company's actuals (issue 13):
 * 60 months × 250 reps × 3 products = 45,000 cells. Months before the actuals window (this fiscal
 * year, in the plan's zone) are set in the actuals archives; the live room keeps this year's.
 */
const baseUrl = inject('baseUrl');
const dir = mkdtempSync(join(tmpdir(), 'cli-actual-archive-test-'));

const plan = (...args: string[]) => runPlan(args);

const MONTHS = 60;
const REPS = 250;
const PRODUCTS = ['Core', 'Plus', 'Cloud'];
const HEADER = 'period,rep,region,product,revenue,collections,grossMargin,newCustomers,salesCost';

async function emptyPlan() {
	const registered = await cliPlan(baseUrl, 'Actuals history plan');
	// The window as the CLI computes it: this month in the plan's zone, its fiscal start month.
	const planDoc = await openRemoteDoc({ ...registered.connection, token: registered.tokens.view }, 'plan');
	const { timeZone, fiscalStartMonth } = readOverview(planDoc.doc).values;
	planDoc.close();
	const now = planNow(timeZone || 'UTC');
	return { ...registered, thisMonth: now.month, window: actualsWindowStart(now.month, fiscalStartMonth) };
}

/** Five years ending this month; revenue made from the cell's coordinates (so a changed cell is one). */
function actualRows(thisMonth: string, revenueOf: (month: string, rep: number, product: number) => number): string[] {
	const rows: string[] = [];
	for (let m = -(MONTHS - 1); m <= 0; m++) {
		const month = addMonths(thisMonth, m);
		for (let rep = 0; rep < REPS; rep++)
			for (let product = 0; product < PRODUCTS.length; product++) {
				const revenue = revenueOf(month, rep, product);
				rows.push(`${month},Rep ${rep},East,${PRODUCTS[product]},${revenue},${revenue - 100},${Math.round(revenue / 3)},${(rep + product) % 4},${rep * 10}`);
			}
	}
	return rows;
}
const revenueOf = (month: string, rep: number, product: number) => 1000 + ((rep * 37 + product * 11 + Number(month.slice(5)) * 7) % 900) * 10;

const csvFile = (name: string, rows: string[]) => {
	const path = join(dir, name);
	writeFileSync(path, [HEADER, ...rows].join('\n') + '\n');
	return path;
};

describe('npm run plan — import of actuals history into the actuals archives', () => {
	it(
		'60 months × 250 reps × 3 products: history to the archives, the room keeps this fiscal year; a re-import writes nothing; a correction writes one month; the export equals the file',
		{ timeout: 600_000 },
		async () => {
			const p = await emptyPlan();
			const rows = actualRows(p.thisMonth, revenueOf);
			expect(rows).toHaveLength(45_000);
			const liveRows = rows.filter((r) => r.slice(0, 7) >= p.window).length;
			const file = csvFile('actuals-history.csv', rows);
			const first = await plan('import', 'actuals', file, ...p.server, '--token', p.tokens.edit);
			expect(first.stderr).toBe('');
			expect(first.code).toBe(0);
			expect(lastLine(first.stdout)).toEqual({ new: rows.length, updated: 0, unchanged: 0, rejected: 0, archived: rows.length - liveRows });

			const manifest = await fetchArchiveManifest(p.archives);
			const historyMonths = Array.from({ length: MONTHS }, (_, i) => addMonths(p.thisMonth, i - (MONTHS - 1))).filter((m) => m < p.window);
			expect(manifest.map((m) => [m.kind, m.month, m.version])).toEqual(historyMonths.map((m) => ['actuals', m, 1]));
			expect(manifest.reduce((n, m) => n + m.rows, 0)).toBe(rows.length - liveRows);
			// A colleague's copy: only this fiscal year's cells live, every history month named for fetching.
			const remote = await openRemoteDoc({ ...p.connection, token: p.tokens.view }, 'execution');
			expect(execRoots(remote.doc).actuals.size).toBe(liveRows);
			expect([...execRoots(remote.doc).actuals.keys()].every((key) => key.slice(0, 7) >= p.window)).toBe(true);
			expect(readArchiveManifest(remote.doc).map((e) => [e.kind, e.month, e.version])).toEqual(manifest.map((m) => ['actuals', m.month, m.version]));
			remote.close();

			// The same file again: every cell unchanged, history included; no month gets a new version.
			const again = await plan('import', 'actuals', file, ...p.server, '--token', p.tokens.edit);
			expect(again.code).toBe(0);
			expect(lastLine(again.stdout)).toEqual({ new: 0, updated: 0, unchanged: rows.length, rejected: 0 });
			expect((await fetchArchiveManifest(p.archives)).map((m) => [m.month, m.version])).toEqual(manifest.map((m) => [m.month, m.version]));

			// A corrected file: one old cell changed → only its month gets a new version.
			const old = addMonths(p.window, -20);
			const corrected = actualRows(p.thisMonth, (month, rep, product) =>
				month === old && rep === 5 && product === 1 ? 123_456 : revenueOf(month, rep, product)
			);
			const fix = await plan('import', 'actuals', csvFile('actuals-history-2.csv', corrected), ...p.server, '--token', p.tokens.edit);
			expect(fix.code).toBe(0);
			expect(lastLine(fix.stdout)).toEqual({ new: 0, updated: 1, unchanged: rows.length - 1, rejected: 0, archived: 1 });
			const versions = await fetchArchiveManifest(p.archives);
			expect(versions.filter((m) => m.version > 1).map((m) => m.month)).toEqual([old]);
			const archived = await archivedActualsForImport(p.archives);
			// Cells are keyed by the rep's id in the plan's team (the file names reps by name).
			const oldCells = [...actualCells(archived.find((m) => m.period === old)!).values()];
			expect(oldCells.filter((c) => c?.revenue === 123_456).map((c) => c?.product)).toEqual(['Plus']);

			// The export (view link) lists the archived cells and the live ones: the file, each cell once.
			const out = join(dir, 'exported.csv');
			const exported = await plan('export', 'actuals', ...p.server, '--token', p.tokens.view, '--format', 'csv', '--out', out);
			expect(exported.stderr).toBe('');
			expect(exported.code).toBe(0);
			const [header, ...lines] = readFileSync(out, 'utf8').slice(1).trim().split('\r\n');
			expect(header).toBe(HEADER);
			expect(lines.sort()).toEqual([...corrected].sort());
		}
	);
});
