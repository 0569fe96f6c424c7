/**
 * The import engine: files in, rows parsed, mapped, previewed, written idempotently. One pure
 * module family shared by the in-app wizard (run it in a Web Worker: everything up to
 * `planImport` is free of Yjs and the DOM) and the command line (`src/cli/`).
 *
 * API (names are stable; the command line codes against them):
 *
 *   readTable(bytes, fileName, { sheet?, signal? }) → Promise<Table>
 *       bytes: Uint8Array of a .csv / .tsv / .txt / pasted text (any of UTF-8 ± BOM, UTF-16 LE/BE,
 *       GB18030/GBK; comma, semicolon or tab) or an .xlsx (detected by its ZIP magic, whatever
 *       the name). Table = { headers, rows: string[][] (cell text), headerRow (1-based row of
 *       the header as a spreadsheet shows it), rowNumbers (spreadsheet row of each data row),
 *       sheets (xlsx: every sheet name), sheet, encoding, delimiter }. Throws ImportError with
 *       a `code` (see errors.ts: 'empty-file', 'binary-file', 'too-large', 'empty-sheet',
 *       'no-such-sheet', 'truncated-file', 'cancelled', …) — never a half-read table.
 *
 *   suggestMapping(kind, headers, remembered?) → Mapping
 *       kind: 'deals' | 'activities' | 'actuals' | 'team'. Mapping = { [machineKey]: column
 *       index | null } from header names in English and Chinese (Salesforce, HubSpot, 纷享销客,
 *       销售易, the app's own export and the machine keys). `remembered` (a mapping the user
 *       saved for this plan, by header name) wins where its header is present.
 *
 *   planImport(kind, table, mapping, current, options) → ImportPlan
 *       current: CurrentData read once from the execution doc with `readCurrent(doc)`.
 *       options: { asOf (YYYY-MM-DD, the plan's today), currency (plan currency), dateOrder?
 *       ('mdy' | 'dmy' when the caller answered the question), stageMap?, unknownStages?:
 *       'ask' | 'add', addOwners?: boolean, key? (machine key used as upsert key; default
 *       externalId), onProgress?, signal? }.
 *       ImportPlan = { new, updated, unchanged, rejected: { row, column, reason, params }[],
 *       questions (ambiguous date columns, unknown stages, unknown owners), changes }.
 *       Pure: nothing is written. Re-importing the same file → everything unchanged.
 *
 *   applyImport(doc, plan, origin) → { written }
 *       Writes `plan.changes` in ONE doc.transact(…, origin): one undo step for its author.
 *
 *   rejectedRowsCsv(rejected, table) → string
 *       The rejected rows as CSV (UTF-8 with BOM, the original header plus a 'reason' column), to
 *       fix and re-import.
 */
export { readTable, type ReadOptions } from './read-table';
export { suggestMapping, rememberMapping, normalizeHeader, IMPORT_KEYS, type ImportKind, type Mapping, type RememberedMapping } from './headers';
export { planImport, type ImportOptions, type ImportPlan, type ImportQuestion, type ImportChanges, type RejectedRow } from './plan-import';
export { applyImport } from './apply-import';
export { rejectedRowsCsv } from './rejected-csv';
export { readCurrent, type CurrentData } from './current';
export { ImportError, MAX_IMPORT_BYTES, type ImportErrorCode } from './errors';
export type { Cell, Table } from './table';
export type { RejectReason, DateOrder } from './values';
