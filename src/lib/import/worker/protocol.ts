/**
 * The messages between the import wizard (main thread) and its Web Worker. Parsing a file and
 * planning an import of 100,000 rows take seconds: they run in the worker so the page keeps
 * responding, and the parsed table stays there (only its headers, a few sample rows and the
 * planned changes cross over). Every request carries an id; the worker answers it once
 * ('table', 'plan', 'targetsPlan', 'csv' or 'error') after any number of 'progress' messages.
 */
import type { CurrentData } from '../current';
import type { ImportErrorCode } from '../errors';
import type { ImportKind, Mapping } from '../headers';
import type { ImportOptions, ImportPlan, RejectedRow } from '../plan-import';
import type { CurrentTargets, TargetsImportPlan } from '../plan-targets-import';
import type { Cell } from '../table';

/** What the wizard shows about a parsed file (the rows themselves stay in the worker). */
export interface TableInfo {
	fileName: string;
	headers: string[];
	/** The first data rows, to show next to the mapping. */
	sample: Cell[][];
	rowCount: number;
	headerRow: number;
	/** XLSX: every sheet's name, to choose from; CSV: []. */
	sheets: string[];
	sheet: string | null;
}

/** The person's answers to the plan's questions, and the plan's own settings: planImport's options that cross to the worker. */
export type PlanSettings = Pick<ImportOptions, 'asOf' | 'currency' | 'fx' | 'dateOrder' | 'stageMap' | 'ownerMap' | 'unknownStages' | 'addOwners'> & {
	/**
	 * The live window's first month of the import's kind: deal rows closed before it (archive-route.ts,
	 * liveWindowStart), or activity cells dated before it (activity-route.ts, activityWindowStart), go to the history archives.
	 */
	liveWindowStart?: string;
};

export type ImportRequest =
	| { id: number; type: 'read'; bytes: Uint8Array; fileName: string; sheet?: string }
	/** The same file again, another sheet (the bytes are kept by the worker). */
	| { id: number; type: 'sheet'; sheet: string }
	| { id: number; type: 'plan'; kind: ImportKind; mapping: Mapping; current: CurrentData; settings: PlanSettings }
	| { id: number; type: 'rejectedCsv'; rejected: RejectedRow[] }
	/** A targets file onto the plan's decomposition (plan-targets-import.ts). */
	| { id: number; type: 'planTargets'; mapping: Mapping; current: CurrentTargets; defaultUnitName: string };

export type ImportResponse =
	| { id: number; type: 'progress'; done: number; total: number }
	| { id: number; type: 'table'; info: TableInfo }
	| { id: number; type: 'plan'; plan: ImportPlan }
	| { id: number; type: 'targetsPlan'; plan: TargetsImportPlan }
	| { id: number; type: 'csv'; text: string }
	/** code: an ImportErrorCode, or 'internal' for a bug (message says what). `sheets`: an XLSX's sheets when one was empty. */
	| { id: number; type: 'error'; code: ImportErrorCode | 'internal'; params: Record<string, string | number>; sheets?: string[]; message?: string };

/** How many sample rows the wizard shows beside the mapping. */
export const SAMPLE_ROWS = 3;

/**
 * Text pasted from a spreadsheet (tab-separated, one line per row) as the bytes of a UTF-8 file,
 * so it goes through exactly the reader a .tsv file does. Spreadsheets end the clipboard with a
 * line break; a paste into a text field may turn tabs into nothing else, so the text is kept as is.
 */
export function pastedBytes(text: string): Uint8Array {
	return new TextEncoder().encode(text.replace(/\r\n?/g, '\n'));
}

/** The name a paste is read under (informational: the reader decides by the bytes). */
export const PASTE_NAME = 'pasted.tsv';
