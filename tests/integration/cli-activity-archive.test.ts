import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { readArchiveManifest } from '../../src/lib/doc/execution/archive-manifest';
import { execRoots } from '../../src/lib/doc/execution/schema';
import { activityCells } from '../../src/lib/domain/archive/activity-archive';
import { activityWindowStart } from '../../src/lib/domain/archive/live-window';
import { addMonths } from '../../src/lib/domain/dates';
import { planNow } from '../../src/lib/domain/plan-clock';
import { archivedActivitiesForImport, fetchArchiveManifest } from '../../src/lib/import/archive-client';
import { checkImportSize, estimateImportSize } from '../../src/lib/import/import-size';
import { openRemoteDoc } from '../../src/cli/remote-doc';
import { cliPlan } from './cli-plan';
import { lastLine, runPlan } from './run-plan';

/**
 * `npm run plan -- import activities` with years of history (issues 11 + 13): cells dated before
 * the activity window are set in the activity archives, not the live room, against the real server.
 */
const baseUrl = inject('baseUrl');
const dir = mkdtempSync(join(tmpdir(), 'cli-activity-archive-test-'));

const plan = (...args: string[]) => runPlan(args);

/** The plan's activity window today (a new plan: zone UTC), as the CLI computes it. */
const WINDOW = activityWindowStart(planNow('UTC').month);
const MONTHS = 36;
const REPS = 40;
const TYPES = ['Call', 'Visit'];

const emptyPlan = () => cliPlan(baseUrl, 'Activity history plan');

/**
 * Three years of daily counts (36 months before the window, plus the window's two months): 40
 * reps × 2 types × every day ≈ 93k cells, about 6 MB as live entries — past what one link may add
 * to the room in a day, so without the archives this import would be refused.
 */
function historyRows(countOf: (month: string, day: number, rep: number, type: number) => number): string[] {
	const rows: string[] = [];
	for (let m = -MONTHS; m < 2; m++) {
		const month = addMonths(WINDOW, m);
		const [y, mo] = month.split('-').map(Number) as [number, number];
		const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
		for (let day = 1; day <= days; day++)
			for (let rep = 0; rep < REPS; rep++)
				for (let type = 0; type < TYPES.length; type++) {
					const count = countOf(month, day, rep, type);
					if (count > 0) rows.push(`${month}-${String(day).padStart(2, '0')},Rep ${rep},${TYPES[type]},${count}`);
				}
	}
	return rows;
}
const countOf = (month: string, day: number, rep: number, type: number) => ((day * 7 + rep * 3 + type + Number(month.slice(5))) % 6) + 1;

const csvFile = (name: string, rows: string[]) => {
	const path = join(dir, name);
	writeFileSync(path, ['date,rep,type,count', ...rows].join('\n') + '\n');
	return path;
};

/** Cell totals of an exported CSV (machine keys: date, rep, type, count). */
function exportedTotals(path: string): Map<string, number> {
	const [, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
	return new Map(
		lines.map((line) => {
			const [date, rep, type, count] = line.split(',');
			return [`${date}|${rep}|${type}`, Number(count)];
		})
	);
}

describe('npm run plan — import of activity history into the activity archives', () => {
	it(
		'three years of daily counts go through: history to the archives, the room keeps two months; a re-import writes nothing; the export lists every cell once',
		{ timeout: 600_000 },
		async () => {
			const p = await emptyPlan();
			const rows = historyRows(countOf);
			const liveRows = rows.filter((r) => r.slice(0, 7) >= WINDOW).length;
			// All live, the room would refuse it (the shipped per-link daily share): the reason for the archives.
			const cells = rows.map((r) => {
				const [date, rep, type, count] = r.split(',');
				return { date: date!, rep: rep!, type: type!.toLowerCase() as 'call' | 'visit', count: Number(count) };
			});
			expect(checkImportSize(estimateImportSize({ kind: 'activities', reps: [], cells }), { bytes: 0, items: 0 })).toMatchObject({
				fits: false,
				reason: 'share'
			});
			const file = csvFile('activity-history.csv', rows);
			const first = await plan('import', 'activities', file, ...p.server, '--token', p.tokens.edit);
			expect(first.stderr).toBe('');
			expect(first.code).toBe(0);
			expect(lastLine(first.stdout)).toEqual({ new: rows.length, updated: 0, unchanged: 0, rejected: 0, archived: rows.length - liveRows });

			const manifest = await fetchArchiveManifest(p.archives);
			expect(manifest.map((m) => m.month)).toEqual(Array.from({ length: MONTHS }, (_, i) => addMonths(WINDOW, i - MONTHS)));
			expect(manifest.reduce((n, m) => n + m.rows, 0)).toBe(rows.length - liveRows);
			// A colleague's copy of the document: the two live months as entries, and every month named for fetching.
			const remote = await openRemoteDoc({ ...p.connection, token: p.tokens.view }, 'execution');
			expect(execRoots(remote.doc).activities.length).toBe(liveRows);
			expect(readArchiveManifest(remote.doc).map((e) => [e.kind, e.month, e.version])).toEqual(manifest.map((m) => ['activities', m.month, m.version]));
			remote.close();

			// The same file again: every cell unchanged, history included; no month gets a new version.
			const again = await plan('import', 'activities', file, ...p.server, '--token', p.tokens.edit);
			expect(again.code).toBe(0);
			expect(lastLine(again.stdout)).toEqual({ new: 0, updated: 0, unchanged: rows.length, rejected: 0 });
			expect((await fetchArchiveManifest(p.archives)).map((m) => [m.month, m.version])).toEqual(manifest.map((m) => [m.month, m.version]));

			// A corrected file: one old day changed → only its month gets a new version.
			const old = addMonths(WINDOW, -20);
			const corrected = historyRows((month, day, rep, type) => (month === old && day === 3 && rep === 5 && type === 0 ? 40 : countOf(month, day, rep, type)));
			const fix = await plan('import', 'activities', csvFile('activity-history-2.csv', corrected), ...p.server, '--token', p.tokens.edit);
			expect(fix.code).toBe(0);
			expect(lastLine(fix.stdout)).toEqual({ new: 0, updated: 1, unchanged: rows.length - 1, rejected: 0, archived: 1 });
			const versions = await fetchArchiveManifest(p.archives);
			expect(versions.filter((m) => m.version > 1).map((m) => m.month)).toEqual([old]);

			// The export (view link) lists the archived cells and the live ones: the file's totals, each once.
			const out = join(dir, 'exported.csv');
			const exported = await plan('export', 'activities', ...p.server, '--token', p.tokens.view, '--format', 'csv', '--out', out);
			expect(exported.code).toBe(0);
			const totals = exportedTotals(out);
			const expected = new Map(
				corrected.map((line) => {
					const [date, rep, type, count] = line.split(',');
					return [`${date}|${rep}|${type!.toLowerCase()}`, Number(count)];
				})
			);
			expect(totals.size).toBe(expected.size);
			for (const [key, count] of expected) expect(totals.get(key), key).toBe(count);
			// And what the archives alone hold adds up to the history part of the file.
			const archived = await archivedActivitiesForImport(p.archives);
			const historySum = corrected.filter((r) => r.slice(0, 7) < WINDOW).reduce((n, r) => n + Number(r.split(',')[3]), 0);
			expect(archived.flatMap(activityCells).reduce((n, c) => n + c.count, 0)).toBe(historySum);
		}
	);
});
