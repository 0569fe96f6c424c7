/**
 * The import engine: files in, rows parsed, mapped, previewed, written idempotently. One pure
 * module family shared by the in-app wizard and the command line (`src/cli/`). Nothing here
 * touches the DOM, and only readCurrent and applyImport touch the Yjs doc: the wizard runs
 * readTable and planImport in a Web Worker (progress via onProgress, cancel via an AbortSignal)
 * and applyImport on the main thread's doc.
 *
 * API (names are stable; the command line codes against them):
 *
 *   readTable(bytes, fileName, { sheet?, signal? }) → Promise<Table>
 *       bytes: Uint8Array of a .csv / .tsv / .txt / pasted text (UTF-8 ± BOM, UTF-16 LE/BE,
 *       GB18030/GBK; comma, semicolon or tab) or an .xlsx (detected by its ZIP signature, whatever
 *       the name; fileName is informational). Table = { headers, rows: Cell[][] (CSV: text; XLSX:
 *       text, numbers, dates as 'YYYY-MM-DD', formulas as their cached value), headerRow (row of
 *       the header as a spreadsheet shows it: the first row with known column names, not
 *       necessarily row 1), rowNumbers (spreadsheet row of each data row), sheets (XLSX: every
 *       sheet's name), sheet, encoding, delimiter }. Throws ImportError { code, params }:
 *       'empty-file', 'binary-file', 'too-large' (> MAX_IMPORT_BYTES), 'empty-sheet',
 *       'no-such-sheet', 'truncated-file', 'unknown-encoding', 'cancelled'.
 *
 *   suggestMapping(kind, headers, remembered?) → Mapping
 *       kind: 'deals' | 'activities' | 'actuals' | 'team'. Mapping = { [machineKey]: column index
 *       | null } (keys: IMPORT_KEYS[kind]) from header names in English and Chinese (Salesforce,
 *       HubSpot, 纷享销客, 销售易, the app's own export, the machine keys). `remembered`
 *       (machine key → header text, see rememberMapping) wins where that header is present.
 *
 *   planImport(kind, table, mapping, current, options) → ImportPlan
 *       current: CurrentData, the execution doc read once with `readCurrent(doc)` (plain data: post
 *       it to the worker). options: { asOf ('YYYY-MM-DD', the plan's today: stage moves are dated
 *       with it), currency (the plan's), dateOrder? ('mdy' | 'dmy': the answer to a dateOrder
 *       question), stageMap? (file text → stage id), ownerMap? (file text → rep id),
 *       unknownStages?: 'ask' (default) | 'add' (new open stages before won/lost: the command
 *       line), addOwners? (true: unknown owners become reps: the command line), key? (upsert key,
 *       default 'externalId'), onProgress?(done, total), signal? }.
 *       ImportPlan = { kind, new, updated, unchanged, rejected: { row, column, reason, params,
 *       index }[], questions: ({ kind: 'dateOrder', column, examples } | { kind: 'stage', values }
 *       | { kind: 'owner', values })[], changes }. Rows waiting on a question are rejected with
 *       its reason, so the counts are what a write would do now; answer and plan again.
 *       Pure: nothing is written. Re-importing the same file → everything unchanged.
 *
 *   applyImport(doc, plan, origin) → { written, refused }
 *       Writes `plan.changes` to the execution doc in ONE doc.transact(…, origin): one undo step
 *       for its author, one update for colleagues.
 *
 *   Deals and the period archives (archive-route.ts, archive-client.ts): plan against
 *       withArchived(current, archivedForImport(server, held)) and split with
 *       routeImport(plan, current, { windowStart: liveWindowStart(month, fiscalStart), asOf }) →
 *       { live, archive }: upload archive.uploads per month (uploadDealMonth, forEachMonth) and
 *       record each version (recordArchive), then applyImport(live), then archive.removals.
 *
 *   Activities and the activity archives (activity-route.ts, activity-history.ts): plan against
 *       readCurrent(doc, { activityArchives: archivedActivitiesForImport(server, held) }) and split
 *       with routeActivityImport(plan, current, { windowStart: activityWindowStart(month) }) →
 *       { live, archive }: writeActivityHistory(doc, server, archive) sets each month's cells
 *       (PUT …/activities/<month>/cells, with the live entries they replace) and you record each
 *       version, then applyImport(live) deletes those entries (`changes.cleared`).
 *
 *   rejectedRowsCsv(rejected, table) → string
 *       The rejected rows as CSV (UTF-8 with BOM; the original header plus 'row' and 'reason'
 *       columns; formula-looking cells escaped), to fix and re-import.
 *
 * Messages: `import.error.<code>` and `import.reject.<reason>` (with params) in
 * src/lib/i18n/messages-import.ts, both languages.
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
// Targets (the plan doc's decomposition, not the execution doc): planTargetsImport(table,
// suggestTargetsMapping(headers), readCurrentTargets(planDoc), { defaultUnitName }) → a plan with
// warnings where the decomposition cannot reproduce the file; applyTargetsImport (src/lib/doc/targets-import.ts) writes it.
export { suggestTargetsMapping, readMonthRef, fiscalIndex, TARGET_KEYS, type TargetKey, type MonthRef } from './targets-columns';
export {
	planTargetsImport,
	type TargetsImportPlan,
	type TargetsImportOptions,
	type TargetsChanges,
	type TargetsWarning,
	type TargetsRejectedRow,
	type TargetsRejectReason,
	type CurrentTargets
} from './plan-targets-import';
