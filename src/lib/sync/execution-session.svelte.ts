import * as Y from 'yjs';
import { createSubscriber } from 'svelte/reactivity';
import { checkActivityCount, checkActual, mergedActual, setStages, type ActualValues, type CommandIssue } from '../doc/execution/commands';
import { seedMetrics } from '../doc/execution/metric-commands';
import type { MetricDef } from '../domain/tracked-metrics';
import { executionCommands } from '../doc/execution/execution-commands';
import { shardRouting } from '../doc/execution/deal-routing';
import { addDealShards, mergedDealDocs, readDealShards } from '../doc/execution/deal-shards';
import { UndoGroup, dealDocUndoManager } from '../doc/execution/undo-group';
import { EXEC_SHARD, shardOrder, shardsToAdd } from '../domain/deal-shards';
import { DealShardSession } from './deal-shard-session.svelte';
import { shardThreshold } from './shard-threshold';
import { actualKey, execRoots } from '../doc/execution/schema';
import { archivedActualOf } from '../domain/archive/actual-archive';
import { fetchActualMonth, setActualMonth } from '../import/archive-client';
import { readLegacyReps } from '../doc/execution/legacy-reps';
import type { MemberFieldChange } from '../doc/team';
import { createProjection, type DealList, type DealsQuery, type ExecProjection, type TrackedData, type WhatChangedQuery } from '../doc/execution/projection';
import type { ActivityColumns } from '../domain/archive/activity-archive';
import type { ActualColumns } from '../domain/archive/actual-archive';
import type { ArchivedMonth } from '../domain/archive/archived-deals';
import { withFreshMonths } from '../domain/archive/held-months';
import type { ArchiveVersionInfo } from '../protocol/archives';

import type { ActualTotals } from '../domain/derived-rates';
import type { WhatChanged } from '../domain/deal-changes';
import type { ForecastCall } from '../domain/forecast-calls';
import { periodView, type PeriodView } from '../doc/execution/period-view';
import type { DashboardMetrics, DashboardTargets, ExecFilters, MetricsOptions } from '../domain/dashboard';
import type { DealTableQuery } from '../domain/deal-search';
import type { ExecRules } from '../domain/exec-read';
import type { ActivityType, Deal, PipelineStage, Rep } from '../domain/execution';
import type { OrgNode } from '../domain/forecast-rollup';
import type { PlanNow } from '../domain/plan-clock';
import type { Role } from '../protocol/token';
import { DocSession, isEmptyDoc } from './doc-session.svelte';
import { openMark, timedOpen } from './open-timing';
import type { ProviderState } from './sync-provider';
import { recordArchive, readArchiveManifest, unionManifests } from '../doc/execution/archive-manifest';
import { downloadArchive, removeFromArchive, ArchiveRequestError } from './archive-client';
import { indexedDbArchiveCache, type ArchiveCache } from './archive-cache';
import { ArchiveLoader, IDLE_PROGRESS, type ArchiveProgress } from './archive-loader';
import { describeArchiveFailure, type ArchiveFailure } from './archive-failure';
import { writeActivityHistory } from '../import/activity-history';
import { writeActualHistory } from '../import/actual-history';

type DropFirst<T extends unknown[]> = T extends [unknown, ...infer Rest] ? Rest : never;
import type { ExportTable } from '../export/table';
import type { ExportLocale } from '../export/tables/labels';
// The two Yjs ends of the import engine, by file: the index would pull the parsers into this chunk.
import { applyImport, withoutPeople } from '../import/apply-import';
import type { ImportSize } from '../import/import-size';
import { readCurrent, type CurrentData } from '../import/current';
import { withShardDeals } from '../import/current-shards';
import { importShardLayout, type ImportLayout } from '../import/import-layout';
import type { ImportPlan } from '../import/plan-import';

/** One document's connection as the header shows it (ExecutionSession.connections); `shard` '' is the execution document. */
export type DocConnection = Pick<ProviderState, 'status' | 'unsent' | 'fatal' | 'refused' | 'full'> & { shard: string };

/** Writes an import's new people and team changes into the plan's team; returns how many it wrote. */
export type TeamWriter = (added: readonly Rep[], changes: readonly MemberFieldChange[]) => number;

/** The origin of an import's archive manifest entries (outside the importer's undo). */
const IMPORT_ARCHIVE_ORIGIN = 'import-archive';

const EMPTY_DEAL_LIST: DealList = Object.freeze({ items: Object.freeze([]), live: Object.freeze([]), archived: null, excluded: 0 });
const EMPTY_TRACKED: TrackedData = { defs: [], cells: [], issues: [] };
/** While a plan opens, the figures are redrawn at most this often (ExecutionSession.onProjectionChange). */
const OPENING_REDRAW_MS = 250;
/** How many of the first period views an open's breakdown times (open-timing.ts): enough to cover every document arriving. */
const MEASURED_READS = 40;
/** Before the data loads: no months (a read-only value, never written to). */
const NO_MONTHS: ReadonlyMap<string, ActualTotals> = new Map();

/**
 * A plan's execution data (deals, activities, actuals): its own Y.Doc, local copy and network
 * room, opened only when someone looks at execution or the cockpit, so opening the plan never
 * waits for it.
 *
 * Components read numbers through the reactive reads below (`metrics`, `periodView`,
 * `dealsBehind`, `reps`, `stages`, `orgNodes`): called in a template, `$derived` or effect, each
 * registers a dependency on the projection (createSubscriber), so the reader re-runs once per
 * transaction that changed anything, local or remote. Before the document is loaded they return
 * the empty value (null or []).
 */
export class ExecutionSession extends DocSession {
	/** The deal shards opened (docs/architecture.md, "Deal shards"): each its own document, local copy and socket. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- sessions, not state anything renders
	readonly #shards = new Map<string, DealShardSession>();
	/** Their documents once loaded: where deal commands may write. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- read by the command routing, not rendered
	readonly #shardDocs = new Map<string, Y.Doc>();
	/** Each shard's opening (local copy read, joined the projection), so an import can wait for the ones it adds. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- promises waited for, never shown
	readonly #opening = new Map<string, Promise<void>>();
	/** Bumped when a shard joins #shards (a plain Map), so the aggregate reads below also follow shards opened later. */
	#shardsOpened = $state(0);
	/** The archive loader's first pass over the manifest (cache read, downloads) has ended. */
	#historyRead = $state(false);
	#markedComplete = false;
	/** One undo step per action over the execution document and every shard (undo-group.ts). */
	#group: UndoGroup | null = null;
	/** The execution commands, each run as this person's transaction: what the panels change data through. */
	readonly commands = executionCommands(
		this.doc,
		this.localOrigin,
		(id) => this.#projection?.archivedDeal(id) ?? null,
		shardRouting(
			this.doc,
			this.#shardDocs,
			(id) => this.#projection?.dealShardOf(id) ?? null,
			() => this.#group
		)
	);
	#projection: ExecProjection | null = null;
	/** Period views read so far, the first MEASURED_READS of them timed (open-timing.ts). */
	#measuredReads = 0;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- the subscribers' callbacks, not state anything renders
	readonly #listeners = new Set<() => void>();
	/** Registers the calling effect on the projection's changes (none outside a reactive context). */
	readonly #track = createSubscriber((update) => {
		this.#listeners.add(update);
		return () => this.#listeners.delete(update);
	});
	private unsubscribe: () => void = () => {};
	/** Kept to close the capture window around an import, so it is exactly one undo step. */
	#undo: UndoGroup | null = null;
	/** The plan's team (setTeam), handed to the projection once it exists. */
	#team: readonly Rep[] | null = null;
	/** Archived closed months (setArchives), handed to the projection once it exists. */
	#archives: readonly ArchivedMonth[] = [];
	/** Archived activity months (setActivityArchives), the same way. */
	#activityArchives: readonly ActivityColumns[] = [];
	/** Archived actual months (setActualArchives), the same way. */
	#actualArchives: readonly ActualColumns[] = [];
	/** Closed history from period archives: downloaded, cached and read. Made as the document opens, started by startArchives. */
	#archiveLoader: ArchiveLoader | null = null;
	#archivesStarted = false;
	#stopArchives: () => void = () => {};
	/** Where the period archives the document names stand on this device (progress, offline, error). */
	archiveProgress = $state.raw<ArchiveProgress>(IDLE_PROGRESS);

	constructor(
		planId: string,
		serverUrl: string,
		private access: { role: Role; token: string | undefined },
		private rules: ExecRules,
		/** The plan template's stages, written once if the plan has none configured. */
		private readonly templateStages: readonly PipelineStage[],
		/** The template's tracked metrics (FMCG: 铺货率 …), written with the stages, once. */
		private readonly templateMetrics: readonly MetricDef[] = []
	) {
		super(planId, serverUrl, 'execution');
		// The sync protocol carries awareness; presence itself is shown from the plan's session.
		this.awareness.setLocalState(null);
	}

	async open(): Promise<void> {
		await this.openLocal();
		if (this.destroyed) return;
		// A device without a copy (new, or its storage cleared) takes the server's copy before the
		// projection reads it: reading a document in one pass costs a fraction of following the same
		// deals arriving as one large edit (docs/benchmarks.md, "Opening a company plan in the page").
		// Offline, or refused, it goes on with what it has.
		if (isEmptyDoc(this.doc) && this.access.token) {
			this.connect();
			await this.whenSettled();
			if (this.destroyed) return;
		}
		// Per-user undo, unlike the plan: only this person's edits made through `commands` are tracked
		// (commands run by others' code with origin null are not), over every root but `meta`.
		// The shard set and the archive manifest are not undone: a removed shard would strand its deals.
		const { meta: _meta, dealShards: _dealShards, ...roots } = execRoots(this.doc);
		this.#group = new UndoGroup();
		this.#group.add(this.undoManagerFor(roots));
		this.#undo = this.#group;
		this.trackUndo(this.#group);
		this.#projection = timedOpen('create-projection', () => createProjection(this.doc, this.rules));
		// The figures show from the execution document at once; each listed shard joins as its copy
		// is read, and until every one has (and the history is read) the page says the figures are
		// still loading (`complete`), so nobody reads a partial total as final.
		const localShards = this.openShards();
		// The history's cached bytes are read from IndexedDB meanwhile (off the main thread, which
		// applies the shards' copies) and decoded once the shards joined (startArchives below):
		// queued after the shards' reads, so it never delays one.
		this.#archiveLoader = this.newArchiveLoader();
		this.#archiveLoader.prefetch();
		execRoots(this.doc).dealShards.observe(this.onShardsListed);
		this.#projection.setTeam(this.#team);
		if (this.#archives.length > 0) this.#projection.setArchives(this.#archives);
		if (this.#activityArchives.length > 0) this.#projection.setActivityArchives(this.#activityArchives);
		if (this.#actualArchives.length > 0) this.#projection.setActualArchives(this.#actualArchives);
		this.unsubscribe = this.#projection.subscribe(this.onProjectionChange);
		this.markLoaded();
		this.notify();
		// The history is read once the shards this device holds have joined: read alongside, its
		// cache reads and the first figures over every archived month kept the shards' copies
		// waiting (docs/benchmarks.md, "Opening a company plan in the page"). A shard with no copy
		// here waits for the server and does not hold the history back.
		void localShards.then(() => {
			if (!this.destroyed) this.startArchives();
		});
		// A plan only on this device has no server copy that could already hold stages.
		if (!this.access.token) this.initStages();
		if (!this.connected) this.connect();
	}

	/**
	 * Every listed deal document is in the figures and the history this device holds or could
	 * download has been read: until then totals are partial and the page marks them as loading.
	 */
	get complete(): boolean {
		const { parts, ready, historyRead } = this.openProgress;
		return ready === parts && historyRead && this.archiveProgress.phase !== 'loading';
	}

	/** Deal documents whose deals are in the figures, of those listed (the execution document counts as one); the history read once. */
	get openProgress(): { parts: number; ready: number; historyRead: boolean } {
		void this.#shardsOpened; // #shards is a plain Map: this follows shards opened later
		let ready = this.loaded && this.hasRealContent ? 1 : 0;
		for (const shard of this.#shards.values()) if (shard.ready) ready++;
		return { parts: this.#shards.size + 1, ready, historyRead: this.#historyRead };
	}

	/** Marks the moment the figures became complete (open-timing.ts), once. */
	#noteComplete(): void {
		if (this.#markedComplete || !this.complete) return;
		this.#markedComplete = true;
		openMark('complete');
		// The complete figures at once (not after a pending opening redraw).
		this.notify();
	}

	/** An undo manager over these roots, tracking this person's edits. */
	private undoManagerFor(roots: Record<string, unknown>): Y.UndoManager {
		return dealDocUndoManager(roots, this.localOrigin);
	}

	/**
	 * Opens the shards the execution document lists that are not open yet: each reads its local
	 * copy (a shard this device has no copy of takes the server's first, as the execution document
	 * does), then its deals join the projection and its undo manager the group, then it connects.
	 * Shards open side by side and join one by one as they are ready. Resolves once every shard
	 * with a copy on this device has joined and every other one has found it has none.
	 */
	private openShards(): Promise<void> {
		const local: Promise<void>[] = [];
		for (const name of readDealShards(this.doc).order) {
			if (name === EXEC_SHARD || this.#shards.has(name)) continue;
			const shard = new DealShardSession(this.planId, this.serverUrl, name);
			this.#shards.set(name, shard);
			this.#shardsOpened++;
			const loaded = shard.load();
			const opened = loaded.then(async () => {
				if (this.destroyed) return;
				const token = this.access.token;
				if (isEmptyDoc(shard.doc) && token) {
					shard.connectWith(token);
					await shard.whenSettled();
					if (this.destroyed) return;
				}
				const { meta: _meta, config: _config, dealShards: _dealShards, archives: _archives, ...roots } = execRoots(shard.doc);
				this.#group?.add(this.undoManagerFor(roots));
				this.#shardDocs.set(name, shard.doc);
				timedOpen(`add-deal-doc deals-${name}`, () => this.#projection?.addDealDoc(name, shard.doc));
				execRoots(shard.doc).archives.observe(this.onManifestChange);
				this.onManifestChange();
				shard.markJoined();
				this.#noteComplete();
				if (this.access.token && this.connected) shard.connectWith(this.access.token);
			});
			this.#opening.set(name, opened);
			local.push(loaded.then(() => (isEmptyDoc(shard.doc) ? undefined : opened)));
		}
		return Promise.all(local).then(() => {});
	}

	/** A peer (or this page) added shards: open them. */
	private onShardsListed = () => void this.openShards();

	/**
	 * Adds shards when the fullest deal document passed the threshold (doubling their number):
	 * only an editor, only once this page is in step with the server and has every listed shard
	 * open, so two pages grow alike and a page that has not heard of a colleague's growth waits.
	 */
	private maybeGrow(): void {
		if (this.access.role !== 'edit' || this.status !== 'synced' || !this.#projection) return;
		const listed = readDealShards(this.doc).order;
		if (listed.some((name) => name !== EXEC_SHARD && !this.#shardDocs.has(name))) return;
		const add = shardsToAdd(listed, this.#projection.liveDealsByShard().values(), shardThreshold());
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp written once
		if (add.length > 0) addDealShards(this.doc, add, new Date().toISOString(), this.#shardOrigin);
	}

	readonly #shardOrigin = { dealShards: true };

	/** The dashboard metrics for these filters (null until loaded). */
	metrics(filters?: ExecFilters, targets?: DashboardTargets, options?: MetricsOptions): DashboardMetrics | null {
		return this.read(null, (p) => p.metrics(filters, targets, options));
	}

	/**
	 * One execution table for the export buttons, from every readable record (not only the
	 * period shown). The table builders load on demand, so they stay out of the area's chunk.
	 */
	async exportTable(
		name: 'deals' | 'activities' | 'actuals',
		locale: ExportLocale,
		/** `dealTable`: the deals table's search, filters and sort (every page); else `query` as the drill-down. */
		options: { query?: DealsQuery; currency?: string; dealTable?: DealTableQuery } = {}
	): Promise<ExportTable> {
		const projection = this.#projection;
		if (!projection) throw new Error('The execution data is not loaded yet.');
		const tables = await import('../export/exec-tables');
		const reps = projection.reps();
		if (name === 'deals' && options.dealTable) return tables.execDealTableRows(projection, options.dealTable, locale, options.currency);
		if (name === 'deals') return tables.execDealsTable(projection, options.query ?? {}, locale, options.currency, projection.stages(), reps);
		if (name === 'activities') return tables.execActivitiesTable(this.doc, reps, locale, this.#activityArchives);
		return tables.execActualsTable(this.doc, reps, locale, options.currency, this.#actualArchives);
	}

	/**
	 * The execution data an import is compared with, read once as plain data for the import
	 * worker (structured-cloneable).
	 */
	importSnapshot(
		/** Archived activity months to count with the live entries (an activities import of history compares with them). */
		activityArchives?: readonly ActivityColumns[],
		/** Archived actual months (an actuals import of history compares with them; a live key wins). */
		actualArchives?: readonly ActualColumns[]
	): CurrentData {
		if (!this.loaded) throw new Error('The execution data is not loaded yet.');
		// Deals in shards are compared too (docs/architecture.md, "Deal shards"); a twin id once.
		const options = { ...(activityArchives ? { activityArchives } : {}), ...(actualArchives ? { actualArchives } : {}) };
		const current = withShardDeals(readCurrent(this.doc, options), this.doc, this.#shardDocs);
		// Owners are resolved against the plan's team (the one team list), not the old map.
		return this.#team ? { ...current, reps: this.#team.map(({ id, name, team, region, hireDate }) => ({ id, name, team, region, hireDate })) } : current;
	}

	/** What the document holds now, in the units the room's caps count (import-size.ts). */
	storedSize(): ImportSize {
		return storedSizeOf(this.doc);
	}

	/**
	 * Where an import's deals would go (docs/architecture.md, "Deal shards"), for the per-document
	 * size check (import/import-size-split.ts): the shards to add first so that the live deals per
	 * document on average, with the import's `newLive` deals, stay within the threshold; each
	 * deal's document (the one holding it, else placed over the documents after growth); each
	 * document's stored size (a shard to add holds nothing). Only an editor grows.
	 */
	importLayout(newLive: number): ImportLayout {
		const projection = this.#projection;
		if (!projection) throw new Error('The execution data is not loaded yet.');
		const live = projection.liveDealsByShard();
		return importShardLayout({
			listed: readDealShards(this.doc).order,
			live: (name) => live.get(name) ?? 0,
			newLive,
			threshold: this.access.role === 'edit' ? shardThreshold() : null,
			holderOf: (id) => projection.dealShardOf(id),
			sizeOf: (name) => {
				const doc = name === EXEC_SHARD ? this.doc : this.#shardDocs.get(name);
				return doc ? storedSizeOf(doc) : null;
			}
		});
	}

	/**
	 * Adds the shards an import needs first (importLayout's `grow`) and waits until every listed
	 * shard is open, so the import's new deals are placed over the same documents the size check
	 * counted. Not an undoable edit (the shard set only grows).
	 */
	async growForImport(names: readonly string[]): Promise<void> {
		if (this.access.role !== 'edit') throw new Error('A view link cannot import.');
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp written once
		if (names.length > 0) addDealShards(this.doc, names, new Date().toISOString(), this.#shardOrigin);
		await this.openShards();
		await Promise.all(readDealShards(this.doc).order.map((name) => this.#opening.get(name)));
	}

	/**
	 * Writes a planned import as ONE transaction with this person's origin: one undo step for
	 * them (the undo manager tracks `localOrigin`), one update for colleagues.
	 */
	applyImport(plan: ImportPlan, team?: TeamWriter): { written: number; refused: number } {
		if (!this.loaded) throw new Error('The execution data is not loaded yet.');
		if (this.access.role !== 'edit') throw new Error('A view link cannot import.');
		// Not merged with an edit made just before (or just after) within the capture window.
		this.#undo?.stopCapturing();
		// People go to the plan's team (`team`, doc/team.ts applyTeamImport), first, so the deals'
		// owners exist there when the deals arrive; the execution document gets the rest.
		const people = plan.changes;
		const teamWritten = team ? team(people.reps, people.kind === 'team' ? people.fields : []) : 0;
		// Each deal's rows go to the document that holds it or where it is placed, all one undo step.
		const routing = {
			docFor: (id: string) => this.commands.dealDoc(id),
			exists: (id: string) => this.#projection?.dealShardOf(id) != null
		};
		const write = () => applyImport(this.doc, team ? withoutPeople(plan) : plan, this.localOrigin, this.#shardDocs.size > 0 ? routing : undefined);
		const result = this.#group ? this.#group.action(write) : write();
		this.#undo?.stopCapturing();
		return { ...result, written: result.written + teamWritten };
	}

	// What a page shows about this data covers the shards too: a full or refused shard room, a
	// shard's local copy that failed, edits a shard has not yet had confirmed.
	override get storageError(): string | null {
		return super.storageError ?? this.fromShards((shard) => shard.storageError);
	}
	override get fatal() {
		return super.fatal ?? this.fromShards((shard) => shard.fatal);
	}
	override get refused() {
		return super.refused ?? this.fromShards((shard) => shard.refused);
	}
	override get full() {
		return super.full ?? this.fromShards((shard) => shard.full);
	}
	override get unsent(): number {
		let unsent = super.unsent;
		for (const shard of this.openShardSessions()) unsent += shard.unsent;
		return unsent;
	}

	/**
	 * Each document's connection, the execution document first and then the shards in shard order
	 * (reactive): what the plan's header sums up with the plan's own, naming the room that refused.
	 */
	get connections(): DocConnection[] {
		const own: DocConnection = { shard: EXEC_SHARD, status: super.status, unsent: super.unsent, fatal: super.fatal, refused: super.refused, full: super.full };
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local index, built per read
		const open = new Map(this.openShardSessions().map((shard) => [shard.name, shard]));
		const shards = shardOrder(open.keys()).flatMap((name) => {
			const shard = open.get(name);
			return shard ? [{ shard: name, status: shard.status, unsent: shard.unsent, fatal: shard.fatal, refused: shard.refused, full: shard.full }] : [];
		});
		return [own, ...shards];
	}

	private fromShards<T>(read: (shard: DealShardSession) => T | null): T | null {
		for (const shard of this.openShardSessions()) {
			const found = read(shard);
			if (found !== null) return found;
		}
		return null;
	}

	private openShardSessions(): DealShardSession[] {
		void this.#shardsOpened; // registers the reader on shards opened later
		return [...this.#shards.values()];
	}

	/** The execution document with every open shard's deals in it (a plan backup has one execution document). */
	override backupState(): Uint8Array {
		return this.#shardDocs.size === 0 ? super.backupState() : mergedDealDocs(this.doc, this.#shardDocs.values());
	}

	/** True once this document and every open shard are in step with the server (a backup waits for it). */
	override async whenSettled(): Promise<boolean> {
		const all = await Promise.all([super.whenSettled(), ...[...this.#shards.values()].map((shard) => shard.whenSettled())]);
		return all.every(Boolean);
	}

	/** The one period view every screen shows (period-view.ts), null until loaded. */
	periodView(filters: ExecFilters, targets: DashboardTargets, fiscalMonths: readonly string[], now: PlanNow): PeriodView | null {
		// The first reads are part of an open's breakdown (the figures are computed lazily, here).
		const measured = this.#measuredReads < MEASURED_READS;
		if (measured && this.loaded) this.#measuredReads++;
		return this.read(null, (p) =>
			measured ? timedOpen('period-view', () => periodView(p, filters, targets, fiscalMonths, now)) : periodView(p, filters, targets, fiscalMonths, now)
		);
	}

	/** Deals behind a funnel stage, month or rep (drill-down), largest first. */
	dealsBehind(query: DealsQuery): Deal[] {
		return this.read([], (p) => p.dealsBehind(query));
	}

	/** Every counted deal (shared and frozen: read, never change) and how many data quality excluded. */
	dealList(): DealList {
		return this.read(EMPTY_DEAL_LIST, (p) => p.dealList());
	}

	/**
	 * The execution document's own legacy rep list (reactive), which the plan's team takes in
	 * (doc/team.ts linkExecutionTeam); empty until loaded.
	 */
	legacyReps(): Rep[] {
		return this.read([], () => readLegacyReps(this.doc));
	}

	/** The plan's team (domain/team.ts): who `reps()`, filters, the roll-up and owner choices list. */
	setTeam(team: readonly Rep[] | null): void {
		this.#team = team;
		this.#projection?.setTeam(team);
	}

	/**
	 * Archived closed months (domain/archive/archived-deals.ts) to count with the live deals; where
	 * they come from (the server store, the IndexedDB cache) is the caller's business.
	 */
	setArchives(months: readonly ArchivedMonth[]): void {
		this.#archives = [...months];
		timedOpen(`set-archives deals (${months.length} months)`, () => this.#projection?.setArchives(this.#archives));
	}

	/** The archived months given last (setArchives): what an import compares its rows with beside the live deals. */
	archivedMonths(): readonly ArchivedMonth[] {
		return this.#archives;
	}

	/**
	 * Names archive versions an import wrote in the `archives` root, so colleagues fetch them. Not
	 * this person's undoable origin: undoing the import's live rows cannot un-write the archives.
	 */
	recordArchives(infos: readonly ArchiveVersionInfo[]): void {
		if (this.access.role !== 'edit') throw new Error('A view link cannot import.');
		for (const info of infos) recordArchive(this.doc, info, IMPORT_ARCHIVE_ORIGIN);
	}

	/** Archived activity months (domain/archive/activity-archive.ts) added to the live counts, absorbed live entries left out. */
	setActivityArchives(months: readonly ActivityColumns[]): void {
		this.#activityArchives = [...months];
		timedOpen(`set-archives activities (${months.length} months)`, () => this.#projection?.setActivityArchives(this.#activityArchives));
	}

	/** Archived actual months (domain/archive/actual-archive.ts) read like live cells; a live cell with the same key wins. */
	setActualArchives(months: readonly ActualColumns[]): void {
		this.#actualArchives = [...months];
		timedOpen(`set-archives actuals (${months.length} months)`, () => this.#projection?.setActualArchives(this.#actualArchives));
	}

	/** The archived actual months given last: what an actuals import compares with besides the server's other months. */
	actualArchivedMonths(): readonly ActualColumns[] {
		return this.#actualArchives;
	}

	/** Sets an import's actuals history in its months' archives (import/actual-history.ts). */
	writeActualHistory(...args: Parameters<typeof writeActualHistory>): ReturnType<typeof writeActualHistory> {
		return writeActualHistory(...args);
	}

	/**
	 * Sets an import's activity history in its months' archives (import/activity-history.ts),
	 * reading from this document the live entries the import replaces — here, so the wizard
	 * never holds the Y.Doc.
	 */
	writeActivityHistory(...[server, routing, options]: DropFirst<Parameters<typeof writeActivityHistory>>): ReturnType<typeof writeActivityHistory> {
		return writeActivityHistory(this.doc, server, routing, options);
	}

	/** The archived activity months given last (setActivityArchives): what an activities import compares with besides the server's other months. */
	activityArchivedMonths(): readonly ActivityColumns[] {
		return this.#activityArchives;
	}

	reps(): Rep[] {
		return this.read([], (p) => p.reps());
	}

	stages(): PipelineStage[] {
		return this.read([], (p) => p.stages());
	}

	orgNodes(): OrgNode[] {
		return this.read([], (p) => p.orgNodes());
	}

	/** Every forecast call and adjustment, oldest first. */
	calls(): ForecastCall[] {
		return this.read([], (p) => p.calls());
	}

	/** The custom tracked metrics (definitions, values, unreadable entries); empty until loaded. */
	tracked(): TrackedData {
		return this.read(EMPTY_TRACKED, (p) => p.tracked());
	}

	/** The actuals inside the filters added up (derived rates); null until loaded. */
	actualTotals(filters: ExecFilters): ActualTotals | null {
		return this.read(null, (p) => p.actualTotals(filters));
	}

	/** The same per month (the actuals table's sales cost and CAC columns); empty until loaded. */
	actualTotalsByMonth(filters: ExecFilters): ReadonlyMap<string, ActualTotals> {
		return this.read(NO_MONTHS, (p) => p.actualTotalsByMonth(filters));
	}

	/** What changed between two days for some owners' deals in a period; null until loaded. */
	whatChanged(query: WhatChangedQuery): WhatChanged | null {
		return this.read(null, (p) => p.whatChanged(query));
	}

	/**
	 * The plan got its token (a plan made on this device registers once online) or a new role:
	 * connect now if not connected yet.
	 */
	setAccess(access: { role: Role; token: string | undefined }): void {
		const newToken = access.token !== this.access.token;
		this.access = access;
		// A new token (the owner revoked all links): the old socket was closed with 4401.
		if (newToken && this.connected) this.dropProvider();
		if (this.loaded && !this.connected) this.connect();
		else if (newToken && access.token) for (const shard of this.#shards.values()) shard.connectWith(access.token);
		if (newToken) this.retryArchives();
	}

	/**
	 * New rules re-check every record, so only a real change (fiscal year, currency) applies them:
	 * the page passes rules on every overview edit, a title keystroke included. The projection
	 * notifies its subscribers, so every reactive read re-runs.
	 */
	setRules(rules: ExecRules): void {
		if (JSON.stringify(rules) === JSON.stringify(this.rules)) return;
		this.rules = rules;
		this.#projection?.setRules(rules);
	}

	override destroy(): void {
		this.destroyed = true;
		if (this.#redrawTimer) clearTimeout(this.#redrawTimer);
		this.#stopArchives();
		this.#archiveLoader?.destroy();
		this.unsubscribe();
		this.#projection?.destroy();
		execRoots(this.doc).dealShards.unobserve(this.onShardsListed);
		for (const shard of this.#shards.values()) shard.destroy();
		this.#listeners.clear();
		super.destroy();
	}

	// ——— Period archives (issue 13): this device's copy of closed history ———

	/**
	 * Loads the months the document's `archives` root names — from the IndexedDB cache, so
	 * execution opens offline with its history, then downloads what is missing or newer — and
	 * again whenever a peer, the archiver or an import records a version, or the page comes back
	 * online.
	 */
	protected startArchives(): void {
		const loader = (this.#archiveLoader ??= this.newArchiveLoader());
		this.#archivesStarted = true;
		const { archives } = execRoots(this.doc);
		const sync = () => void loader.sync(this.archiveManifest());
		this.#syncArchives = sync;
		archives.observe(sync);
		const online = () => this.retryArchives();
		globalThis.addEventListener?.('online', online);
		this.#stopArchives = () => {
			archives.unobserve(sync);
			globalThis.removeEventListener?.('online', online);
		};
		void loader.sync(this.archiveManifest()).then(() => {
			this.#historyRead = true;
			this.#noteComplete();
		});
	}

	/** How this page loads the period archives: download with the plan's token, hand the months to the projection. `cache` is for tests. */
	protected newArchiveLoader(cache: ArchiveCache = indexedDbArchiveCache): ArchiveLoader {
		return new ArchiveLoader({
			planId: this.planId,
			cache,
			download: (kind, month) => {
				const token = this.access.token;
				if (!token) return Promise.reject(new ArchiveRequestError('This plan is only on this device.', null, true));
				return downloadArchive(this.planId, kind, month, token);
			},
			onMonths: (months) => this.setArchives(months),
			onActivityMonths: (months) => this.setActivityArchives(months),
			onActualMonths: (months) => this.setActualArchives(months),
			onProgress: (progress) => {
				this.archiveProgress = progress;
				this.#noteComplete();
			}
		});
	}

	/** Downloads the months still missing (the Retry button, back online, a new token). */
	retryArchives(): void {
		if (!this.loaded || !this.#archiveLoader || !this.#archivesStarted) return;
		const phase = this.archiveProgress.phase;
		if (phase === 'offline' || phase === 'error') void this.#archiveLoader.sync(this.archiveManifest());
	}

	/** Each kind and month at the highest version any deal document names (every room archives its own deals). */
	private archiveManifest() {
		return unionManifests([readArchiveManifest(this.doc), ...[...this.#shardDocs.values()].map((doc) => readArchiveManifest(doc))]);
	}

	#syncArchives: () => void = () => {};
	/** A shard's manifest changed (or a shard was opened): the loader compares again. */
	private onManifestChange = () => this.#syncArchives();

	/**
	 * Deletes a deal for good. A deal in closed history is also removed from its period archive on
	 * the server (a new version, recorded in the document so every peer fetches it); that needs a
	 * connection and an edit link, so it answers an error message instead of deleting half.
	 */
	async removeDeal(id: string): Promise<{ error: 'offline' | 'failed'; message?: string; failure?: ArchiveFailure } | null> {
		const month = this.#projection?.archivedMonthOf(id) ?? null;
		if (month !== null) {
			const token = this.access.token;
			if (!token) return { error: 'offline' };
			try {
				const info = await removeFromArchive({ baseUrl: '', planId: this.planId, token }, 'deals', month, [id]);
				// Not this person's undo step: an archive version cannot be taken back by undo.
				if (info) recordArchive(this.doc, info, this.#archiveOrigin);
			} catch (err) {
				if (err instanceof ArchiveRequestError && err.offline) return { error: 'offline' };
				return { error: 'failed', message: err instanceof Error ? err.message : String(err), failure: describeArchiveFailure(err) };
			}
		}
		this.commands.removeDeal(id);
		return null;
	}

	/**
	 * Sets a daily report's counts (one day, one rep, a count per type). A day whose month has an
	 * activity archive may have part of its count there, and replacing only the live entries would
	 * add to that part: its cells are set in the archive instead (PUT …/activities/<month>/cells,
	 * naming the live entries it replaces, as an import of history does), the version recorded, and
	 * those live entries deleted. That needs a connection and an edit link; without them nothing is
	 * set and the answer says why. Other days are set live as before (one undo step).
	 */
	async setActivityDay(
		cells: ReadonlyArray<{ date: string; rep: string; type: ActivityType; count: number }>
	): Promise<{ issue: CommandIssue } | { error: 'offline' | 'failed'; failure?: ArchiveFailure } | null> {
		for (const { count, ...cell } of cells) {
			const issue = checkActivityCount(cell, count);
			if (issue) return { issue };
		}
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup while writing
		const archivedMonths = new Set(
			this.archiveManifest()
				.filter((entry) => entry.kind === 'activities')
				.map((entry) => entry.month)
		);
		const archived = cells.filter((c) => archivedMonths.has(c.date.slice(0, 7)));
		if (archived.length > 0) {
			const token = this.access.token;
			if (!token) return { error: 'offline' };
			const uploads: Record<string, typeof archived> = {};
			for (const cell of archived) (uploads[cell.date.slice(0, 7)] ??= []).push(cell);
			try {
				const result = await writeActivityHistory(this.doc, { baseUrl: '', planId: this.planId, token }, { uploads });
				// Not this person's undo step: an archive version cannot be taken back by undo.
				for (const info of result.written) recordArchive(this.doc, info, this.#archiveOrigin);
			} catch (err) {
				if (err instanceof ArchiveRequestError && err.offline) return { error: 'offline' };
				return { error: 'failed', failure: describeArchiveFailure(err) };
			}
		}
		// One transaction of this person's: one undo step for the day (the live part; an archive
		// version is not undone).
		this.doc.transact(() => {
			for (const { count, ...cell } of cells) this.commands.setActivityCount(cell, archivedMonths.has(cell.date.slice(0, 7)) ? 0 : count);
		}, this.localOrigin);
		return null;
	}

	/**
	 * Sets an actuals cell from the form. A month with an actuals archive (named in the document's
	 * `archives` root: it was imported as history or archived) holds the cell there, and a live
	 * cell of the key would win over any archived correction: so the cell is set in the archive
	 * (PUT …/actuals/<month>/cells, the fields left empty keep the value it held), the version
	 * recorded and read into this page's figures, and a live cell of the key deleted. That needs a
	 * connection and an edit link; without them nothing is set and the answer says why. Other
	 * months are set live as before (one undo step).
	 */
	async setActualCell(
		cell: { period: string; rep: string; region: string; product: string },
		values: ActualValues
	): Promise<{ issue: CommandIssue } | { error: 'offline' | 'failed'; failure?: ArchiveFailure } | null> {
		const issue = checkActual(cell, values);
		if (issue) return { issue };
		const archived = this.archiveManifest().some((entry) => entry.kind === 'actuals' && entry.month === cell.period);
		if (!archived) {
			const found = this.commands.setActual(cell, values);
			return found ? { issue: found } : null;
		}
		const token = this.access.token;
		if (!token || this.access.role !== 'edit') return { error: 'offline' };
		const key = actualKey(cell.period, cell.rep, cell.region, cell.product);
		const live = execRoots(this.doc).actuals;
		// What the cell holds now: a live copy wins over the archived one, as every reader takes it.
		const stored = live.get(key) ?? this.#projection?.archivedActual(key) ?? undefined;
		const next = archivedActualOf(key, mergedActual(stored, values));
		if (!next) return { issue: { field: 'period', issue: { code: 'notDate' } } };
		const { period: _period, ...fields } = next;
		const server = { baseUrl: '', planId: this.planId, token };
		try {
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a request body, never rendered
			const info = await setActualMonth(server, cell.period, new Map([[`${cell.rep}|${cell.region}|${cell.product}`, fields]]));
			// This page counts the new version at once (the loader would fetch it too, a moment later).
			const month = await fetchActualMonth(server, info.month, info.version);
			this.setActualArchives(withFreshMonths(this.#actualArchives, [month]));
			// Not this person's undo step: an archive version cannot be taken back by undo.
			recordArchive(this.doc, info, this.#archiveOrigin);
		} catch (err) {
			if (err instanceof ArchiveRequestError && err.offline) return { error: 'offline' };
			return { error: 'failed', failure: describeArchiveFailure(err) };
		}
		if (live.has(key)) this.doc.transact(() => live.delete(key), this.localOrigin);
		return null;
	}

	readonly #archiveOrigin = { archive: true };

	/**
	 * Reads the projection for a reactive reader. `loaded` is state, so a reader that ran before
	 * opening re-runs once the projection exists; the subscriber covers every change after.
	 */
	private read<T>(empty: T, read: (projection: ExecProjection) => T): T {
		this.#track();
		const projection = this.loaded ? this.#projection : null;
		return projection ? read(projection) : empty;
	}

	private onProjectionChange = () => {
		// While the plan opens, the figures change with every shard that joins: redrawn at most every
		// OPENING_REDRAW_MS (they are marked as loading meanwhile), not once per shard — each redraw
		// of the cockpit took the main thread the next shard waited for.
		if (this.loaded && !this.complete) {
			this.#redrawTimer ??= setTimeout(this.notify, OPENING_REDRAW_MS);
			return;
		}
		this.notify();
	};

	#redrawTimer: ReturnType<typeof setTimeout> | null = null;

	private notify = () => {
		if (this.#redrawTimer) clearTimeout(this.#redrawTimer);
		this.#redrawTimer = null;
		if (this.destroyed) return;
		for (const update of [...this.#listeners]) update();
		this.maybeGrow();
	};

	private connect(): void {
		const token = this.access.token;
		if (!token || this.destroyed) return;
		let initialised = false;
		for (const shard of this.#shardDocs.keys()) this.#shards.get(shard)?.connectWith(token);
		this.startProvider(token, {
			onState: (s) => {
				// Stages are written only once the server's copy is known to have none, so a
				// colleague's customised stages are never replaced by the template's.
				if (s.status === 'synced') this.#noteComplete();
				if (s.status === 'synced' && !initialised) {
					initialised = true;
					this.initStages();
				}
				if (s.status === 'synced') this.maybeGrow();
			}
		});
	}

	private initStages(): void {
		if (this.access.role !== 'edit' || this.templateStages.length === 0) return;
		if (execRoots(this.doc).config.has('stages')) return;
		// One transaction: a plan's first opening gets the template's stages and metrics together;
		// a plan opened before (stages configured) never gets metrics it did not ask for.
		this.doc.transact(() => {
			setStages(this.doc, this.templateStages);
			seedMetrics(this.doc, this.templateMetrics);
		});
	}
}

/** What a document holds now, in the units a room's caps count (import-size.ts). */
function storedSizeOf(doc: Y.Doc): ImportSize {
	let items = 0;
	doc.store.clients.forEach((structs) => (items += structs.length));
	return { bytes: Y.encodeStateAsUpdate(doc).length, items };
}
