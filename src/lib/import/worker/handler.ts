/**
 * The worker's side of the protocol, without the Worker itself (so it is unit tested in Node):
 * keeps the last file's bytes and parsed table, answers each request through `post`. Runs
 * readTable, planImport, planTargetsImport and rejectedRowsCsv — the only code that loads papaparse and the XLSX
 * reader, which therefore stay out of the page's bundles.
 */
import { ImportError } from '../errors';
import { routeActualImport } from '../actual-route';
import { routeActivityImport } from '../activity-route';
import { routeImport } from '../archive-route';
import { estimateImportSize } from '../import-size';
import { planImport } from '../plan-import';
import { planTargetsImport } from '../plan-targets-import';
import { readTable } from '../read-table';
import { rejectedRowsCsv } from '../rejected-csv';
import type { Table } from '../table';
import { SAMPLE_ROWS, type ImportRequest, type ImportResponse, type TableInfo } from './protocol';

export type Post = (message: ImportResponse) => void;

function info(table: Table, fileName: string): TableInfo {
	return {
		fileName,
		headers: table.headers,
		sample: table.rows.slice(0, SAMPLE_ROWS),
		rowCount: table.rows.length,
		headerRow: table.headerRow,
		sheets: table.sheets,
		sheet: table.sheet
	};
}

/** An XLSX's sheet names even when the chosen sheet is empty, so another can be chosen. */
async function sheetNames(bytes: Uint8Array): Promise<string[] | undefined> {
	try {
		const { default: readXlsxFile } = await import('read-excel-file/universal');
		const all = await readXlsxFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
		return all.map((s) => s.sheet);
	} catch {
		return undefined;
	}
}

export function createImportHandler(post: Post) {
	let file: { bytes: Uint8Array; fileName: string } | null = null;
	let table: Table | null = null;

	async function read(id: number, sheet: string | undefined) {
		if (!file) throw new ImportError('empty-file');
		table = null;
		try {
			table = await readTable(file.bytes, file.fileName, sheet === undefined ? {} : { sheet });
		} catch (err) {
			if (err instanceof ImportError && (err.code === 'empty-sheet' || err.code === 'no-such-sheet')) {
				const sheets = await sheetNames(file.bytes);
				post({ id, type: 'error', code: err.code, params: err.params, ...(sheets ? { sheets } : {}) });
				return;
			}
			throw err;
		}
		post({ id, type: 'table', info: info(table, file.fileName) });
	}

	return async function handle(request: ImportRequest): Promise<void> {
		const { id } = request;
		try {
			switch (request.type) {
				case 'read':
					file = { bytes: request.bytes, fileName: request.fileName };
					await read(id, request.sheet);
					break;
				case 'sheet':
					await read(id, request.sheet);
					break;
				case 'plan': {
					if (!table) throw new ImportError('empty-file');
					const { liveWindowStart, ...settings } = request.settings;
					const whole = planImport(request.kind, table, request.mapping, request.current, {
						...settings,
						onProgress: (done, total) => post({ id, type: 'progress', done, total })
					});
					// Deals closed before the live window, and activity cells dated before the activity
					// window (the caller passes the window of the kind), go to the history archives; only
					// the rest is sized for the room.
					const activities =
						liveWindowStart && request.kind === 'activities' ? routeActivityImport(whole, request.current, { windowStart: liveWindowStart }) : null;
					// Actual cells of months before the actuals window (this fiscal year) likewise.
					const actuals = liveWindowStart && request.kind === 'actuals' ? routeActualImport(whole, { windowStart: liveWindowStart }) : null;
					const { live: plan, archive } =
						liveWindowStart && !activities && !actuals
							? routeImport(whole, request.current, { windowStart: liveWindowStart, asOf: settings.asOf })
							: { live: activities?.live ?? actuals?.live ?? whole, archive: null };
					post({ id, type: 'progress', done: table.rows.length, total: table.rows.length });
					// Estimated here, off the page: JSON of 100k planned deals takes a moment.
					post({
						id,
						type: 'plan',
						plan: {
							...plan,
							size: estimateImportSize(plan.changes),
							...(archive ? { archive } : {}),
							...(activities?.archive ? { activityArchive: activities.archive } : {}),
							...(actuals?.archive ? { actualArchive: actuals.archive } : {})
						}
					});
					break;
				}
				case 'planTargets': {
					if (!table) throw new ImportError('empty-file');
					post({ id, type: 'targetsPlan', plan: planTargetsImport(table, request.mapping, request.current, { defaultUnitName: request.defaultUnitName }) });
					break;
				}
				case 'rejectedCsv':
					if (!table) throw new ImportError('empty-file');
					post({ id, type: 'csv', text: rejectedRowsCsv(request.rejected, table) });
					break;
			}
		} catch (err) {
			if (err instanceof ImportError) post({ id, type: 'error', code: err.code, params: err.params });
			else post({ id, type: 'error', code: 'internal', params: {}, message: err instanceof Error ? err.message : String(err) });
		}
	};
}
