import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type * as Y from 'yjs';
import * as engine from '../lib/import';
import type { ImportKind } from './args';
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
	return 'columns' in record || 'stages' in record || 'key' in record ? (record as MappingFile) : { columns: record as MappingFile['columns'] };
}

export async function readInputFile(file: string): Promise<{ bytes: Uint8Array; name: string }> {
	try {
		return { bytes: new Uint8Array(await readFile(file)), name: basename(file) };
	} catch (err) {
		throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
	}
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
	// The engine's stubs are typed loosely until it lands; the calls below are its documented API.
	const api = engine as unknown as EngineApi;
	let table: EngineTable;
	try {
		table = await api.readTable(input.bytes, input.name, {});
	} catch (err) {
		throw new CliError(`cannot read ${input.name}: ${(err as Error).message}`);
	}
	const columns = api.suggestMapping(kind, table.headers);
	if (mapping?.columns) {
		for (const [key, column] of Object.entries(mapping.columns)) {
			columns[key] = typeof column === 'string' ? (table.headers.indexOf(column) >= 0 ? table.headers.indexOf(column) : null) : column;
		}
	}
	const current = api.readCurrent(doc);
	const plan = api.planImport(kind, table, columns, current, {
		asOf: options.asOf,
		currency: options.currency,
		unknownStages: 'add',
		addOwners: true,
		...(mapping?.stages ? { stageMap: mapping.stages } : {}),
		...(mapping?.key ? { key: mapping.key } : {})
	});
	if (options.write) api.applyImport(doc, plan, options.origin);
	return {
		summary: { new: plan.new, updated: plan.updated, unchanged: plan.unchanged, rejected: plan.rejected.length },
		rejected: plan.rejected.map((r) => ({ row: r.row, column: r.column, reason: r.reason }))
	};
}

interface EngineTable {
	headers: string[];
}
interface EnginePlan {
	new: number;
	updated: number;
	unchanged: number;
	rejected: Array<{ row: number; column: string; reason: string }>;
}
interface EngineApi {
	readTable(bytes: Uint8Array, fileName: string, options: object): Promise<EngineTable>;
	suggestMapping(kind: string, headers: string[]): Record<string, number | null>;
	readCurrent(doc: Y.Doc): unknown;
	planImport(kind: string, table: EngineTable, mapping: Record<string, number | null>, current: unknown, options: object): EnginePlan;
	applyImport(doc: Y.Doc, plan: EnginePlan, origin: unknown): unknown;
}
