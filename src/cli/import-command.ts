import { readFile } from 'node:fs/promises';
import type { FxRules } from '../lib/domain/fx';
import { basename } from 'node:path';
import { applyTargetsImport, readCurrentTargets } from '../lib/doc/targets-import';
import { readLegacyReps } from '../lib/doc/execution/legacy-reps';
import { applyTeamImport, linkExecutionTeam, linkedUnitsPreview } from '../lib/doc/team';
import { countsAfterMoves, teamMembers, teamMoves, type TeamMove, type TeamPlace } from '../lib/domain/team';
import { readUnits } from '../lib/doc/units';
import { withoutPeople } from '../lib/import/apply-import';
import { UNASSIGNED } from './team';
import {
	applyImport,
	ImportError,
	planImport,
	planTargetsImport,
	readCurrent,
	readTable,
	suggestMapping,
	suggestTargetsMapping,
	type DateOrder,
	type ImportKind as ExecImportKind,
	type Mapping,
	type Table,
	type TargetsWarning
} from '../lib/import';
import { CliError } from './errors';
import * as Y from 'yjs';
import { recordArchive } from '../lib/doc/execution/archive-manifest';
import { execRoots } from '../lib/doc/execution/schema';
import { routeImport, withArchived, type ArchivedDeals, type ArchiveRouting } from '../lib/import/archive-route';
import {
	archivedActivitiesForImport,
	archivedActualsForImport,
	archivedForImport,
	forEachMonth,
	removeFromDealMonth,
	uploadDealMonth,
	type ArchiveServer
} from '../lib/import/archive-client';
import { routeActivityImport } from '../lib/import/activity-route';
import { writeActivityHistory } from '../lib/import/activity-history';
import { routeActualImport } from '../lib/import/actual-route';
import { writeActualHistory } from '../lib/import/actual-history';
import type { ActualColumns } from '../lib/domain/archive/actual-archive';
import type { ActivityColumns } from '../lib/domain/archive/activity-archive';
import type { RoomLimits } from '../lib/import/import-size';
import type { ArchiveVersionInfo } from '../lib/protocol/archives';
import { addDealShards, readDealShards } from '../lib/doc/execution/deal-shards';
import { EXEC_SHARD, placeDeal, shardOrder } from '../lib/domain/deal-shards';
import { shardsForImport } from '../lib/domain/import-shard-growth';
import { dealHolders, withShardDeals } from '../lib/import/current-shards';
import { checkImportPerDoc, type ShardSizeVerdict } from '../lib/import/import-size-split';
import type { ImportRouting } from '../lib/import/apply-import';

export interface ImportSummary {
	new: number;
	updated: number;
	unchanged: number;
	rejected: number;
	/** Currencies imported without a rate yet, with the months that lack one (a warning: the rows import). */
	noRate?: Record<string, string[]>;
	/** People the file puts in another unit: not moved (a change of target shares is made in Targets). */
	notMoved?: number;
	/** Rows that went to the period archives, when there are any: deals closed before the live window, or activity cells dated before the activity window. */
	archived?: number;
	/** Deal shards the import added first, when it added any (docs/architecture.md, "Deal shards"). */
	shardsAdded?: number;
}

/**
 * The plan's deal shards as the command line has them open (docs/architecture.md, "Deal shards"):
 * every shard the execution document lists, by name; `open` opens more (after they are listed)
 * and adds them to `docs`; `threshold` the live deals per document an import may grow to.
 */
export interface CliShards {
	docs: Map<string, Y.Doc>;
	open(names: readonly string[]): Promise<void>;
	threshold: number;
}

const place = (p: TeamPlace) => [p.team, p.region].filter(Boolean).join(' / ') || '—';

/** A person the import did not move, as one stderr line. */
export function describeMove(m: TeamMove): string {
	return `${m.name} (${m.id}) is in ${place(m.from)}, the file says ${place(m.to)}: not moved — move them in Targets (their target share moves with them)`;
}

/** One rejected spreadsheet row with each of its problems ('column: reason (params)'). */
export interface RejectedRow {
	row: number;
	problems: string[];
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
 * The engine's refusals (one per problem) as one entry per spreadsheet row listing its problems,
 * so the `rejected` count is rows, as the wizard's preview counts them.
 */
export function rejectedRows(problems: ReadonlyArray<{ row: number; column: string; reason: string; params: Record<string, string | number> }>): RejectedRow[] {
	const byRow = new Map<number, string[]>();
	for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), `${p.column || 'row'}: ${describeReason(p.reason, p.params)}`]);
	return [...byRow.entries()].sort((a, b) => a[0] - b[0]).map(([row, reasons]) => ({ row, problems: reasons }));
}

async function parse(input: { bytes: Uint8Array; name: string }): Promise<Table> {
	try {
		return await readTable(input.bytes, input.name);
	} catch (err) {
		if (err instanceof ImportError) throw new CliError(`cannot read ${input.name}: ${err.message}`);
		throw err;
	}
}

/** The suggested mapping with the mapping file's columns (by index or header text) on top. */
function withMappingFile(columns: Mapping, table: Table, mapping: MappingFile | null): Mapping {
	for (const [key, column] of Object.entries(mapping?.columns ?? {})) {
		if (typeof column === 'number' || column === null) columns[key] = column;
		else {
			const index = table.headers.indexOf(column);
			if (index < 0) throw new CliError(`the mapping file names a column the file does not have: ${column}`);
			columns[key] = index;
		}
	}
	return columns;
}

/**
 * Parses, maps and plans an import against the current document with the shared engine
 * (src/lib/import, the same code as the app's wizard); the command line adds unknown stages and
 * owners instead of asking. Writes only when `write` is set, in one transaction.
 */
export async function runImport(
	kind: ExecImportKind,
	input: { bytes: Uint8Array; name: string },
	mapping: MappingFile | null,
	doc: Y.Doc,
	/** The plan document: its team is who owners are (the one team list, doc/team.ts). */
	planDoc: Y.Doc,
	options: {
		asOf: string;
		currency: string;
		fx?: FxRules;
		write: boolean;
		origin: unknown;
		onProgress?: (done: number, total: number) => void;
		/**
		 * The plan's archive routes and live windows: deal rows closed before `windowStart`, and
		 * activity cells dated before `activityWindowStart` (when given), go to history archives.
		 */
		archive?: { server: ArchiveServer; windowStart: string; activityWindowStart?: string; actualsWindowStart?: string };
		/** The limits the server enforces (GET /api/limits); the shipped ones when not given. */
		limits?: RoomLimits;
		/** The plan's deal shards: compared with, grown before a large import, written per document. Without it, the execution document alone. */
		shards?: CliShards;
	}
): Promise<{ summary: ImportSummary; rejected: RejectedRow[]; notMoved: string[] }> {
	const table = await parse(input);
	options.onProgress?.(0, table.rows.length);
	const columns = withMappingFile(suggestMapping(kind, table.headers), table, mapping);
	// A writing import first takes the execution document's old rep list into the plan's team, as
	// the app does on opening; a dry run only looks at what that would give.
	const legacy = readLegacyReps(doc);
	if (options.write) linkExecutionTeam(planDoc, legacy, UNASSIGNED);
	const units = options.write ? readUnits(planDoc).map((v) => v.unit) : linkedUnitsPreview(planDoc, legacy, UNASSIGNED);
	const team = teamMembers(units);
	// Activities are compared with the archived day cells plus the live entries they did not absorb.
	const activityHistory = kind === 'activities' && options.archive?.activityWindowStart ? options.archive : null;
	const activityArchives = activityHistory ? await archivedActivities(activityHistory.server) : undefined;
	// Actuals likewise with the archived cells (a live cell of the same key wins).
	const actualHistory = kind === 'actuals' && options.archive?.actualsWindowStart ? options.archive : null;
	const actualArchives = actualHistory ? await archivedActuals(actualHistory.server) : undefined;
	// Deals held in shards are compared too, as the app's importSnapshot does.
	const shardDocs = options.shards?.docs ?? new Map<string, Y.Doc>();
	const live = {
		...withShardDeals(readCurrent(doc, { ...(activityArchives ? { activityArchives } : {}), ...(actualArchives ? { actualArchives } : {}) }), doc, shardDocs),
		reps: team.map(({ id, name, team, region, hireDate }) => ({ id, name, team, region, hireDate }))
	};
	// Deals are compared with the archived ones too, so re-importing old history changes nothing.
	const current = kind === 'deals' && options.archive ? withArchived(live, await archivedDeals(options.archive.server)) : live;
	const whole = planImport(kind, table, columns, current, {
		asOf: options.asOf,
		currency: options.currency,
		...(options.fx ? { fx: options.fx } : {}),
		unknownStages: 'add',
		addOwners: true,
		...(options.onProgress ? { onProgress: options.onProgress } : {}),
		...(mapping?.stages ? { stageMap: mapping.stages } : {}),
		...(mapping?.dateOrder ? { dateOrder: mapping.dateOrder } : {}),
		...(mapping?.key ? { key: mapping.key } : {})
	});
	// Deals closed before the live window go to the period archives; the room gets the rest.
	// Activity cells dated before the activity window are set in their months' archives.
	// Actual cells of months before the actuals window (this fiscal year) are set in their months' archives.
	const actualRouted = actualHistory?.actualsWindowStart ? routeActualImport(whole, { windowStart: actualHistory.actualsWindowStart }) : null;
	const afterActuals = actualRouted?.live ?? whole;
	const activityRouted = activityHistory?.activityWindowStart
		? routeActivityImport(afterActuals, current, { windowStart: activityHistory.activityWindowStart })
		: { live: afterActuals, archive: null };
	const routed =
		options.archive && kind === 'deals'
			? routeImport(whole, current, { windowStart: options.archive.windowStart, asOf: options.asOf })
			: { live: activityRouted.live, archive: null };
	const plan = routed.live;
	// A deal stays in the document holding it; a new one is placed over the shards there will be
	// once a large import has grown them (the average within the threshold, as a page grows).
	const holders = dealHolders(doc, shardDocs);
	const listed = readDealShards(doc).order;
	const grow =
		options.shards && plan.changes.kind === 'deals'
			? shardsForImport(
					listed,
					listed.map((name) => {
						const held = name === EXEC_SHARD ? doc : shardDocs.get(name);
						return held ? execRoots(held).deals.size : 0;
					}),
					plan.changes.newDeals.length,
					options.shards.threshold
				)
			: [];
	const names = shardOrder([...listed, ...grow]);
	const docOf = (id: string) => holders.get(id) ?? placeDeal(id, names);
	// What a room would refuse is refused here, before anything (archives included) is written:
	// each document's share of the rows against that document's own room (a shard to add is empty).
	const sizeOf = (name: string) => {
		const held = name === EXEC_SHARD ? doc : shardDocs.get(name);
		return held ? storedSize(held) : { bytes: 0, items: 0 };
	};
	const verdict = checkImportPerDoc(plan.changes, docOf, sizeOf, options.limits);
	if (!verdict.fits) throw new CliError(describeTooLarge(verdict, routed.archive ?? activityRouted.archive ?? actualRouted?.archive ?? null));
	const people = plan.changes;
	// Moves between units are listed, not applied (domain/team.ts isMoveChange); a dry run lists the same.
	let moves = people.kind === 'team' ? teamMoves(units, people.fields) : [];
	if (options.write) {
		// Archives first, then the live rows, then the removals of reopened deals (their live copy
		// already wins): a failure part-way leaves nothing half-visible.
		const archive = routed.archive;
		const server = options.archive?.server;
		const record = (info: ArchiveVersionInfo) => recordArchive(doc, info, options.origin);
		if (archive && server) await writeMonths(Object.entries(archive.uploads), (month, deals) => uploadDealMonth(server, month, deals), record);
		if (activityRouted.archive && server) await writeActivityMonths(doc, server, activityRouted.archive, record);
		if (actualRouted?.archive && server) await writeHistoryMonths('actual', () => writeActualHistory(server, actualRouted.archive!, { onWritten: record }));
		// New owners and team rows go to the plan's team; everything else to the execution document.
		moves = applyTeamImport(planDoc, people.reps, people.kind === 'team' ? people.fields : [], UNASSIGNED, options.origin).moves;
		// Shards first (listed, then opened), so the new deals' documents are there to write to.
		if (grow.length > 0 && options.shards) {
			addDealShards(doc, grow, new Date().toISOString(), options.origin);
			await options.shards.open(grow);
		}
		const docByName = (name: string) => (name === EXEC_SHARD ? doc : (shardDocs.get(name) ?? doc));
		const routing: ImportRouting | undefined = names.length > 1 ? { docFor: (id) => docByName(docOf(id)), exists: (id) => holders.has(id) } : undefined;
		applyImport(doc, withoutPeople(plan), options.origin, routing);
		// Only deals the live write really holds leave their month: a refused one stays archived.
		const holds = (id: string) => names.some((name) => execRoots(docByName(name)).deals.has(id));
		const removals = Object.entries(archive?.removals ?? {}).map(([month, ids]) => [month, ids.filter(holds)] as [string, string[]]);
		if (server)
			await writeMonths(
				removals.filter(([, ids]) => ids.length > 0),
				(month, ids) => removeFromDealMonth(server, month, ids),
				record
			);
	}
	options.onProgress?.(table.rows.length, table.rows.length);
	const rejected = rejectedRows(plan.rejected);
	const noRate = Object.keys(plan.noRate).length > 0 ? { noRate: plan.noRate } : {};
	const notMoved = moves.length > 0 ? { notMoved: moves.length } : {};
	const archivedRows = (routed.archive?.rows ?? 0) + (activityRouted.archive?.rows ?? 0) + (actualRouted?.archive?.rows ?? 0);
	const archived = archivedRows > 0 ? { archived: archivedRows } : {};
	const shardsAdded = grow.length > 0 ? { shardsAdded: grow.length } : {};
	return {
		summary: {
			...countsAfterMoves({ new: plan.new, updated: plan.updated, unchanged: plan.unchanged }, moves),
			rejected: rejected.length,
			...noRate,
			...notMoved,
			...archived,
			...shardsAdded
		},
		rejected,
		notMoved: moves.map(describeMove)
	};
}

/** Every archived deal month on the server, for comparison (a few MiB for five years of a large company). */
async function archivedDeals(server: ArchiveServer): Promise<ArchivedDeals[]> {
	try {
		return await archivedForImport(server);
	} catch (err) {
		throw new CliError(`cannot read the plan's history archives: ${(err as Error).message}`);
	}
}

/** Every archived activity month on the server, for comparison (day cells: under a MiB for two years of 250 reps). */
async function archivedActivities(server: ArchiveServer): Promise<ActivityColumns[]> {
	try {
		return await archivedActivitiesForImport(server);
	} catch (err) {
		throw new CliError(`cannot read the plan's activity history archives: ${(err as Error).message}`);
	}
}

/** Every archived actual month on the server, for comparison and export (45k cells for five years of 250 reps). */
export async function archivedActuals(server: ArchiveServer): Promise<ActualColumns[]> {
	try {
		return await archivedActualsForImport(server);
	} catch (err) {
		throw new CliError(`cannot read the plan's actuals history archives: ${(err as Error).message}`);
	}
}

/** Runs a history write (actual-history.ts), saying which months were written when it fails part-way. */
async function writeHistoryMonths(what: string, write: () => Promise<unknown>): Promise<void> {
	try {
		await write();
	} catch (err) {
		const written = (err as { written?: ArchiveVersionInfo[] }).written ?? [];
		const months = written.map((w) => w.month).join(', ');
		throw new CliError(
			`writing the ${what} history archives failed: ${(err as Error).message}${months ? ` (written: ${months})` : ''}; the live plan was not changed`
		);
	}
}

/** Sets the routed activity cells in their months (activity-history.ts), recording each version. */
async function writeActivityMonths(
	doc: Y.Doc,
	server: ArchiveServer,
	routing: Parameters<typeof writeActivityHistory>[2],
	record: (info: ArchiveVersionInfo) => void
): Promise<void> {
	try {
		await writeActivityHistory(doc, server, routing, { onWritten: record });
	} catch (err) {
		const written = (err as { written?: ArchiveVersionInfo[] }).written ?? [];
		const months = written.map((w) => w.month).join(', ');
		throw new CliError(
			`writing the activity history archives failed: ${(err as Error).message}${months ? ` (written: ${months})` : ''}; the live plan was not changed`
		);
	}
}

/** Writes months (uploads or removals) a few at a time, recording each version in the execution doc. */
async function writeMonths<T>(
	months: Array<[string, T]>,
	write: (month: string, value: T) => Promise<ArchiveVersionInfo | null>,
	record: (info: ArchiveVersionInfo) => void
): Promise<void> {
	try {
		await forEachMonth(months, write, { onWritten: record });
	} catch (err) {
		const written = (err as { written?: ArchiveVersionInfo[] }).written ?? [];
		const months = written.map((w) => w.month).join(', ');
		throw new CliError(`writing the history archives failed: ${(err as Error).message}${months ? ` (written: ${months})` : ''}; the live plan was not changed`);
	}
}

/** What the document holds now, in the units the room's caps count (as ExecutionSession.storedSize). */
function storedSize(doc: Y.Doc) {
	let items = 0;
	doc.store.clients.forEach((structs) => (items += structs.length));
	return { bytes: Y.encodeStateAsUpdate(doc).length, items };
}

function describeTooLarge(
	verdict: Exclude<ShardSizeVerdict, { fits: true }>,
	archive: (Pick<ArchiveRouting, 'rows' | 'windowStart'> & { reopened?: number }) | null
): string {
	const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
	const what =
		verdict.reason === 'items'
			? `${verdict.size} items beside the ${verdict.used} the plan holds would pass the room's ${verdict.limit}`
			: verdict.reason === 'share'
				? `about ${mb(verdict.size)} would pass what one link may add in a day (${mb(verdict.limit)})`
				: `about ${mb(verdict.size)} beside the ${mb(verdict.used)} the plan holds would pass the room's ${mb(verdict.limit)}`;
	const history = archive
		? ` (${archive.rows} rows ${archive.reopened === undefined ? 'dated' : 'closed'} before ${archive.windowStart} would go to the history archives and do not count)`
		: '';
	// A shard's room is named; the execution document's is "the plan's room" as before.
	const room = verdict.doc === EXEC_SHARD ? '' : ` (its deal shard deals-${verdict.doc}, the fullest)`;
	return `the live part of this import is too large for the plan's room${room}: ${what}${history}. Nothing was written; split the file (e.g. by close date) and import it in parts`;
}

/** A warning of the targets import as one line: what the plan gives where the file says otherwise. */
function describeWarning(w: TargetsWarning): string {
	const who = w.rep === null ? w.unit : `${w.unit} / ${w.rep}`;
	if (w.kind === 'zeroed') return `${who} is not in the file: their share becomes 0`;
	const signed = w.difference > 0 ? `+${w.difference}` : String(w.difference);
	return `${who}${w.month === null ? '' : `, fiscal month ${w.month}`}: the plan gives ${w.plan} where the file says ${w.file} (${signed})`;
}

/**
 * `import targets`: the plan doc's decomposition from a file of targets per rep and/or region
 * (planTargetsImport). Reps of a plan without units go into a unit named 'Sales'.
 */
export async function runTargetsImport(
	input: { bytes: Uint8Array; name: string },
	mapping: MappingFile | null,
	planDoc: Y.Doc,
	options: { write: boolean; origin: unknown }
): Promise<{ summary: ImportSummary & { skipped: number; warnings: number }; rejected: RejectedRow[]; warnings: string[] }> {
	const table = await parse(input);
	const columns = withMappingFile(suggestTargetsMapping(table.headers), table, mapping);
	const plan = planTargetsImport(table, columns, readCurrentTargets(planDoc), { defaultUnitName: 'Sales' });
	if (options.write) applyTargetsImport(planDoc, plan, options.origin);
	const rejected = rejectedRows(plan.rejected);
	return {
		summary: {
			new: plan.new,
			updated: plan.updated,
			unchanged: plan.unchanged,
			rejected: rejected.length,
			skipped: plan.skipped,
			warnings: plan.warnings.length
		},
		rejected,
		warnings: plan.warnings.map(describeWarning)
	};
}
