import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type * as Y from 'yjs';
import { applyImport, ImportError, planImport, readCurrent, readTable, suggestMapping, type DateOrder, type Mapping, type Table } from '../lib/import';
import type { ImportKind } from '../lib/import';
import { CliError } from './errors';

export interface ImportSummary {
	new: number;
	updated: number;
	unchanged: number;
	rejected: number;
}

export interface RejectedRow {
	row: number;
	column: string;
	reason: string;
}

/** A mapping file: either the column mapping itself, or `{ columns, stages, key }`. */
interface MappingFile {
	columns?: Record<string, number | string | null>;
	stages?: Record<string, string>;
	/** 'mdy' or 'dmy' for date columns whose values leave the order open (03/04/2026). */
	dateOrder?: DateOrder;
	key?: string;
}

export async function readMappingFile(path: string | null): Promise<MappingFile | null> {
	if (!path) return null;
	let text: string;
	try {
		text = await readFile(path, 'utf8');
	} catch (err) {
		throw new CliError(`cannot read the mapping file ${path}: ${(err as Error).message}`);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new CliError(`the mapping file ${path} is not JSON`);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new CliError(`the mapping file ${path} must hold a JSON object`);
	const record = parsed as Record<string, unknown>;
	return 'columns' in record || 'stages' in record || 'key' in record || 'dateOrder' in record
		? (record as MappingFile)
		: { columns: record as MappingFile['columns'] };
}

export async function readInputFile(file: string): Promise<{ bytes: Uint8Array; name: string }> {
	try {
		return { bytes: new Uint8Array(await readFile(file)), name: basename(file) };
	} catch (err) {
		throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
	}
}

/** Reason codes as one English phrase each; the params follow as key=value. */
function describeReason(reason: string, params: Record<string, string | number>): string {
	const extra = Object.entries(params)
		.map(([k, v]) => `${k}=${v}`)
		.join(', ');
	return extra ? `${reason} (${extra})` : reason;
}

/**
 * Parses, maps and plans an import against the current document with the shared engine
 * (src/lib/import, the same code as the app's wizard); the command line adds unknown stages and
 * owners instead of asking. Writes only when `write` is set, in one transaction.
 */
export async function runImport(
	kind: ImportKind,
	input: { bytes: Uint8Array; name: string },
	mapping: MappingFile | null,
	doc: Y.Doc,
	options: { asOf: string; currency: string; write: boolean; origin: unknown }
): Promise<{ summary: ImportSummary; rejected: RejectedRow[] }> {
	let table: Table;
	try {
		table = await readTable(input.bytes, input.name);
	} catch (err) {
		if (err instanceof ImportError) throw new CliError(`cannot read ${input.name}: ${err.message}`);
		throw err;
	}
	const columns: Mapping = suggestMapping(kind, table.headers);
	for (const [key, column] of Object.entries(mapping?.columns ?? {})) {
		if (typeof column === 'number' || column === null) columns[key] = column;
		else {
			const index = table.headers.indexOf(column);
			if (index < 0) throw new CliError(`the mapping file names a column the file does not have: ${column}`);
			columns[key] = index;
		}
	}
	const plan = planImport(kind, table, columns, readCurrent(doc), {
		asOf: options.asOf,
		currency: options.currency,
		unknownStages: 'add',
		addOwners: true,
		...(mapping?.stages ? { stageMap: mapping.stages } : {}),
		...(mapping?.dateOrder ? { dateOrder: mapping.dateOrder } : {}),
		...(mapping?.key ? { key: mapping.key } : {})
	});
	if (options.write) applyImport(doc, plan, options.origin);
	return {
		summary: { new: plan.new, updated: plan.updated, unchanged: plan.unchanged, rejected: plan.rejected.length },
		rejected: plan.rejected.map((r) => ({ row: r.row, column: r.column, reason: describeReason(r.reason, r.params) }))
	};
}
