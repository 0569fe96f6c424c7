import * as Y from 'yjs';
import { readOverview, type OverviewView } from '../doc/overview';
import { planCommands } from '../doc/plan-commands';
import { seedPlan } from '../doc/seed-plan';
import { SCHEMA_VERSION, planRoots, schemaVersion } from '../doc/schema';
import { createUndoManager } from '../doc/undo';
import { readGoals, type GoalView } from '../doc/goals';
import { readTargets, type TargetsView } from '../doc/targets';
import { applyTeamImport, linkedTeamPreview, linkExecutionTeam, TEAM_LINK_ORIGIN, teamImportMoves, type MemberFieldChange } from '../doc/team';
import type { TeamMove } from '../domain/team';
import type { TeamMember } from '../domain/team';
import type { Rep } from '../domain/execution';
import { readRisks } from '../doc/risks';
import { readTasks } from '../doc/tasks';
import { readInitiatives } from '../doc/strategy';
import { budgetLines } from '../doc/budget';
import { personas, segments } from '../doc/customers';
import { awards, commissionTiers, kpiWeights, readIncentiveSettings } from '../doc/incentives';
import { leadSources } from '../doc/lead-sources';
import { competitors, readMarketFacts } from '../doc/market';
import { migrate } from '../doc/migrations';
import { newerSchemaVersion, resetNewerSchemaVersion } from '../doc/newer-schema';
import { planTemplate } from '../doc/scaffold';
import type { TemplateId } from '../domain/plan/templates';
import { playbook } from '../doc/playbook';
import { readBaseline, readRevisions, watchTargetEditors, type BaselineRead, type RevisionView } from '../doc/baseline';
import { readReviews, type ReviewView } from '../doc/reviews';
import { readFxRates, type FxRatesView } from '../doc/fx-rates';
import type { RecordView } from '../doc/record-list';
import type { MarketFacts } from '../domain/plan/section-specs';
import type {
	ActionTask,
	Award,
	BudgetLine,
	CommissionTierRow,
	Competitor,
	IncentiveSettings,
	KpiWeightRow,
	LeadSource,
	Persona,
	PlaybookEntry,
	Risk,
	Segment,
	StrategyInitiative
} from '../domain/plan/types';
import { i18n } from '../i18n/i18n.svelte';
import type { PlanOverview } from '../domain/plan-overview';
import { planNow, viewerTimeZone } from '../domain/plan-clock';
import { readClaims, type Role } from '../protocol/token';
import type { Identity } from './identity';
import { DocSession } from './doc-session.svelte';
import { storeLocalDoc } from './local-store';
import { getPlan, putPlan, updatePlan, type PlanIndexEntry } from './plan-index';
import { peersOf, type Peer, type Presenting } from './presence';
import { ApiError, registerPlan, revokeAllLinks } from './server';
import { loadUnsent, saveUnsent } from './unsent-counter';
import { mustSeed } from './seed-rule';
import { readPlanSummary } from '../doc/plan-summary';
import { applyTargetsImport, readCurrentTargets } from '../doc/targets-import';
import type { CurrentTargets, TargetsImportPlan } from '../import/plan-targets-import';
import { announceOpenPlan } from './open-plans';

/** How often the plan list's "updated" time and title are refreshed while editing. */
const INDEX_REFRESH_MS = 2000;

/**
 * One open plan: its Y.Doc, local copy, network provider and presence (DocSession), with the
 * state the page shows, read through getters; the page changes it only through the verbs below.
 * Order matters: IndexedDB loads first, so the first state vector sent to the server is the
 * local one; the network connects only after.
 */
export class PlanSession extends DocSession {
	/** Every section's commands: what the editor components change the plan through. */
	readonly sections = planCommands(this.doc, this.localOrigin);
	#notFound = $state(false);
	#role = $state<Role>('view');
	#registered = $state(false);
	#registerError = $state<string | null>(null);
	#peers = $state.raw<Peer[]>([]);
	#overview = $state.raw<OverviewView>(readOverview(this.doc));
	#goals = $state.raw<GoalView[]>([]);
	#targets = $state.raw<TargetsView>(readTargets(this.doc));
	#risks = $state.raw<RecordView<Risk>[]>([]);
	#tasks = $state.raw<RecordView<ActionTask>[]>([]);
	#initiatives = $state.raw<RecordView<StrategyInitiative>[]>([]);
	#marketFacts = $state.raw<RecordView<MarketFacts>>(readMarketFacts(this.doc));
	#competitors = $state.raw<RecordView<Competitor>[]>([]);
	#personas = $state.raw<RecordView<Persona>[]>([]);
	#segments = $state.raw<RecordView<Segment>[]>([]);
	#leadSources = $state.raw<RecordView<LeadSource>[]>([]);
	#budget = $state.raw<RecordView<BudgetLine>[]>([]);
	#incentiveSettings = $state.raw<RecordView<IncentiveSettings>>(readIncentiveSettings(this.doc));
	#kpiWeights = $state.raw<RecordView<KpiWeightRow>[]>([]);
	#commissionTiers = $state.raw<RecordView<CommissionTierRow>[]>([]);
	#awards = $state.raw<RecordView<Award>[]>([]);
	#playbook = $state.raw<RecordView<PlaybookEntry>[]>([]);
	#baseline = $state.raw<BaselineRead>({ baseline: null, invalid: false, raw: undefined });
	#revisions = $state.raw<RevisionView[]>([]);
	#reviews = $state.raw<ReviewView[]>([]);
	#fxRates = $state.raw<FxRatesView>({ cells: {}, enteredFor: null, invalid: [] });
	#hasContent = $state(false);
	#template = $state<TemplateId>('blank');
	#newerSchema = $state<number | null>(null);
	#owner = $state(false);

	get notFound(): boolean {
		return this.#notFound;
	}
	get role(): Role {
		return this.#role;
	}
	/** The plan is known to the server (it has a token). */
	get registered(): boolean {
		return this.#registered;
	}
	get registerError(): string | null {
		return this.#registerError;
	}
	get peers(): Peer[] {
		return this.#peers;
	}
	get overview(): OverviewView {
		return this.#overview;
	}
	get goals(): GoalView[] {
		return this.#goals;
	}
	get targets(): TargetsView {
		return this.#targets;
	}
	get risks(): RecordView<Risk>[] {
		return this.#risks;
	}
	get tasks(): RecordView<ActionTask>[] {
		return this.#tasks;
	}
	get initiatives(): RecordView<StrategyInitiative>[] {
		return this.#initiatives;
	}
	get marketFacts(): RecordView<MarketFacts> {
		return this.#marketFacts;
	}
	get competitors(): RecordView<Competitor>[] {
		return this.#competitors;
	}
	get personas(): RecordView<Persona>[] {
		return this.#personas;
	}
	get segments(): RecordView<Segment>[] {
		return this.#segments;
	}
	get leadSources(): RecordView<LeadSource>[] {
		return this.#leadSources;
	}
	get budget(): RecordView<BudgetLine>[] {
		return this.#budget;
	}
	get incentiveSettings(): RecordView<IncentiveSettings> {
		return this.#incentiveSettings;
	}
	get kpiWeights(): RecordView<KpiWeightRow>[] {
		return this.#kpiWeights;
	}
	get commissionTiers(): RecordView<CommissionTierRow>[] {
		return this.#commissionTiers;
	}
	get awards(): RecordView<Award>[] {
		return this.#awards;
	}
	get playbook(): RecordView<PlaybookEntry>[] {
		return this.#playbook;
	}
	get baseline(): BaselineRead {
		return this.#baseline;
	}
	get revisions(): RevisionView[] {
		return this.#revisions;
	}
	get reviews(): ReviewView[] {
		return this.#reviews;
	}
	/** The exchange-rate table (`fxRates` root). */
	get fxRates(): FxRatesView {
		return this.#fxRates;
	}
	/** True once content exists (local or from the server). */
	get hasContent(): boolean {
		return this.#hasContent;
	}
	/** The industry template the plan was made from (its section hints). */
	get template(): TemplateId {
		return this.#template;
	}
	/**
	 * Set when the plan was saved by a newer version of the app: what this version knows stays
	 * editable, nothing is migrated, and the owner may reset the marker (newer-schema.ts).
	 */
	get newerSchema(): number | null {
		return this.#newerSchema;
	}
	/** This device created the plan (it holds the registration key): it may reset a newer-version marker. */
	get owner(): boolean {
		return this.#owner;
	}

	/**
	 * Each section's plain projection, refreshed only when its own Y type changes (an
	 * overview edit does not re-read goals or recompute the decomposition).
	 */
	private readonly projections: [Pick<Y.AbstractType<unknown>, 'observeDeep'>, () => void][];

	// Reactive: the page hands the token on to the execution session and the share dialog.
	private entry = $state.raw<PlanIndexEntry | null>(null);
	private indexTimer: ReturnType<typeof setTimeout> | null = null;
	private registerTimer: ReturnType<typeof setTimeout> | null = null;
	/** Who this person is, for crediting the target changes they make (`watchTargetEditors`). */
	private identityName = '';
	private readonly stopEditors: () => void;
	/** Everyone seen in the plan during this visit (this person included): the home page's "last seen editing". */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- written to the index, never rendered
	private readonly seenNames = new Set<string>();
	private presenceTimer: ReturnType<typeof setTimeout> | null = null;
	/** Tells this browser's home page, live, that the plan is open here and who is in it. */
	private readonly openHere = announceOpenPlan(this.planId);

	constructor(planId: string, serverUrl: string, identity: Identity) {
		super(planId, serverUrl, 'plan');
		this.awareness.setLocalState({ user: identity, section: 'overview', field: null });
		this.identityName = identity.name;
		// Commands write with no origin, shared texts with localOrigin: both are this person's edits.
		this.stopEditors = watchTargetEditors(
			this.doc,
			(origin) => origin === null || origin === this.localOrigin,
			() => this.identityName
		);
		this.awareness.on('change', this.onAwarenessChange);
		window.addEventListener('pagehide', this.onPageHide);
		const roots = planRoots(this.doc);
		this.projections = [
			[roots.meta, this.onMetaChange],
			[roots.overview, () => (this.#overview = readOverview(this.doc))],
			[roots.goals, () => (this.#goals = readGoals(this.doc))],
			[roots.targets, () => (this.#targets = readTargets(this.doc))],
			// Quota overrides are part of the targets view (TargetsView.quota).
			[roots.quotaOverrides, () => (this.#targets = readTargets(this.doc))],
			[roots.risks, () => (this.#risks = readRisks(this.doc))],
			[roots.tasks, () => (this.#tasks = readTasks(this.doc))],
			[roots.initiatives, () => (this.#initiatives = readInitiatives(this.doc))],
			[roots.market, () => (this.#marketFacts = readMarketFacts(this.doc))],
			[roots.competitors, () => (this.#competitors = competitors.read(this.doc))],
			[roots.personas, () => (this.#personas = personas.read(this.doc))],
			[roots.segments, () => (this.#segments = segments.read(this.doc))],
			[roots.leadSources, () => (this.#leadSources = leadSources.read(this.doc))],
			[roots.budget, () => (this.#budget = budgetLines.read(this.doc))],
			[roots.incentives, () => (this.#incentiveSettings = readIncentiveSettings(this.doc))],
			[roots.kpiWeights, () => (this.#kpiWeights = kpiWeights.read(this.doc))],
			[roots.commissionTiers, () => (this.#commissionTiers = commissionTiers.read(this.doc))],
			[roots.awards, () => (this.#awards = awards.read(this.doc))],
			[roots.playbook, () => (this.#playbook = playbook.read(this.doc))],
			[roots.baseline, () => (this.#baseline = readBaseline(this.doc))],
			[roots.revisions, () => (this.#revisions = readRevisions(this.doc))],
			[roots.reviews, () => (this.#reviews = readReviews(this.doc))],
			[roots.fxRates, () => (this.#fxRates = readFxRates(this.doc))]
		];
		for (const [type, refresh] of this.projections) type.observeDeep(refresh);
		this.doc.on('update', this.onDocUpdate);
	}

	/** Opens the plan; `sharedToken` comes from a share link's fragment. */
	async open(sharedToken: string | null): Promise<void> {
		let entry: PlanIndexEntry | undefined;
		try {
			entry = await getPlan(this.planId);
			if (sharedToken) entry = await this.adoptSharedToken(entry, sharedToken);
		} catch (err) {
			this.storageFailed(err);
			// Without the index a share link still works for this page view.
			const claims = sharedToken ? readClaims(sharedToken) : null;
			if (claims?.pid === this.planId) entry = this.entryFromToken(sharedToken!, claims.role);
		}
		if (this.destroyed) return;
		if (!entry) {
			this.#notFound = true;
			return;
		}
		this.entry = entry;
		this.#role = entry.role;
		this.#owner = entry.role === 'edit' && Boolean(entry.registrationKey);
		this.#registered = Boolean(entry.token);
		const localLoaded = await this.openLocal();
		if (this.destroyed) return;
		const seeding = mustSeed(entry, localLoaded, schemaVersion(this.doc));
		if (seeding) {
			const { title, fiscalYear, template, language, demo, owner, fiscalStartMonth } = entry.seed!;
			if (demo) await this.seedDemo(language ?? 'en');
			else
				seedPlan(this.doc, {
					overview: {
						title,
						...(fiscalYear ? { fiscalYear } : {}),
						...(fiscalStartMonth ? { fiscalStartMonth } : {}),
						...(owner ? { owner } : {}),
						timeZone: viewerTimeZone()
					},
					template,
					language
				});
		}
		if (seeding || (entry.seed && entry.token)) {
			// Used, or unusable for good (the plan is on the server): drop it, in memory and stored.
			this.entry = { ...entry, seed: undefined };
			void updatePlan(this.planId, { seed: undefined }).catch(() => {});
		}
		this.refreshAll();
		// Created after loading and seeding, so neither can be undone.
		// Tracks commands (origin null) and shared texts (localOrigin), never loaded or synced content.
		this.trackUndo(createUndoManager(this.doc, this.localOrigin));
		this.markLoaded();
		this.writeIndexSummary(); // the home page's copy of owner, period, status… catches up with the doc
		this.onPresenceChange();
		this.onMetaChange(); // a local copy saved by an older version migrates now
		await this.connect();
	}

	/** The demo plan: plan content here, its execution data stored in the execution doc's local copy. */
	private async seedDemo(language: 'en' | 'zh-CN'): Promise<void> {
		// Loaded only for the demo: the generator is not part of the app everyone downloads.
		const { seedDemoPlan } = await import('../doc/demo-plan');
		const execution = new Y.Doc();
		// The creator's zone becomes the plan's; "today" is the creator's day in it.
		const timeZone = viewerTimeZone();
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp read once, not state
		seedDemoPlan(this.doc, execution, { language, today: planNow(timeZone).today, timeZone, now: new Date(Date.now()).toISOString() });
		try {
			await storeLocalDoc(this.planId, 'execution', Y.encodeStateAsUpdate(execution), this.storageFailed);
		} catch (err) {
			this.storageFailed(err);
		}
		execution.destroy();
	}

	/** The owner says the newer-version marker was set by mistake (the page asks for confirmation first). */
	resetSchemaVersion(): void {
		if (this.owner && this.role === 'edit') resetNewerSchemaVersion(this.doc);
	}

	setSection(section: string): void {
		this.awareness.setLocalStateField('section', section);
	}

	/**
	 * Takes the execution document's legacy rep list into the plan's team (doc/team.ts): the app's
	 * own one-time migration, so it is not this person's undo step nor a target edit of theirs.
	 */
	linkExecutionTeam(execReps: readonly Rep[], unassignedName: string): number {
		if (!this.loaded || this.role !== 'edit') return 0;
		return linkExecutionTeam(this.doc, execReps, unassignedName, TEAM_LINK_ORIGIN);
	}

	/** The team as `linkExecutionTeam` would make it, without writing (a view link's reading, doc/team.ts). */
	teamPreview(execReps: readonly Rep[], unassignedName: string): TeamMember[] {
		return linkedTeamPreview(this.doc, execReps, unassignedName);
	}

	/** Who a team import's changes would move to another unit: listed in its preview, never applied (doc/team.ts). */
	teamImportMoves(changes: readonly MemberFieldChange[]): TeamMove[] {
		return teamImportMoves(this.doc, changes);
	}

	/** An import's new people and team changes, as this person's own undo step in the plan (doc/team.ts). */
	importTeam(added: readonly Rep[], changes: readonly MemberFieldChange[], unassignedName: string): number {
		if (added.length === 0 && changes.length === 0) return 0;
		this.newUndoStep();
		const { written } = applyTeamImport(this.doc, added, changes, unassignedName, this.localOrigin);
		this.newUndoStep();
		return written;
	}

	/** The decomposition's inputs as plain data, for a targets import's preview (runs in the import worker). */
	targetsSnapshot(): CurrentTargets {
		return readCurrentTargets(this.doc);
	}

	/**
	 * Writes a previewed targets import as this person's one undo step (not merged with an edit
	 * made just before), received by colleagues as one update.
	 */
	applyTargetsImport(plan: TargetsImportPlan): number {
		this.newUndoStep();
		const { written } = applyTargetsImport(this.doc, plan, this.localOrigin);
		this.newUndoStep();
		return written;
	}

	setFocusedField(field: string | null): void {
		this.awareness.setLocalStateField('field', field);
	}

	/** Announces the cockpit slide and filters this person presents (null: not presenting). */
	setPresenting(presenting: Presenting | null): void {
		this.awareness.setLocalStateField('presenting', presenting);
	}

	setIdentity(identity: Identity): void {
		this.awareness.setLocalStateField('user', identity);
		this.identityName = identity.name;
		this.onPresenceChange();
	}

	get token(): string | undefined {
		return this.entry?.token;
	}

	/** This device holds the creator's token: it may revoke every link. */
	get isOwner(): boolean {
		return readClaims(this.entry?.token ?? '')?.own === true;
	}

	/**
	 * "Revoke all links" (the owner only): every token of the plan stops working, this
	 * device's too, so the new tokens are stored and the plan reconnects with them. Edits
	 * made meanwhile are in the local copy and are sent on the new connection.
	 */
	async revokeLinks(): Promise<void> {
		const entry = this.entry;
		if (!entry?.token) return;
		const { tokens } = await revokeAllLinks(this.planId, entry.token);
		this.entry = { ...entry, token: tokens.edit, viewToken: tokens.view };
		await putPlan(this.entry).catch(this.storageFailed);
		this.dropProvider();
		void this.connect();
	}

	override destroy(): void {
		this.destroyed = true;
		this.stopEditors();
		if (this.indexTimer) {
			clearTimeout(this.indexTimer);
			this.writeIndexSummary(true); // a change in the last moments still moves "last change"
		}
		if (this.registerTimer) clearTimeout(this.registerTimer);
		if (this.presenceTimer) {
			clearTimeout(this.presenceTimer);
			this.writeSeenEditing(); // who was here up to the end of the visit
		}
		this.openHere.close();
		window.removeEventListener('pagehide', this.onPageHide);
		window.removeEventListener('online', this.onOnline);
		this.awareness.off('change', this.onAwarenessChange);
		super.destroy();
	}

	private async connect(): Promise<void> {
		if (!this.entry?.token) {
			await this.register();
			if (!this.entry?.token) return;
		}
		if (this.destroyed || this.connected) return;
		this.startProvider(this.entry.token, {
			initialUnsent: loadUnsent(this.planId),
			onState: (s) => saveUnsent(this.planId, s.unsent)
		});
	}

	/** A plan made on this device gets its tokens from the server once online. */
	private async register(): Promise<void> {
		const entry = this.entry;
		if (!entry?.registrationKey || this.destroyed) return;
		window.removeEventListener('online', this.onOnline);
		try {
			const title = readOverview(this.doc).values.title;
			const { tokens } = await registerPlan(this.planId, title, entry.registrationKey);
			const patch = { token: tokens.edit, viewToken: tokens.view };
			this.entry = { ...entry, ...patch };
			this.#registered = true;
			this.#registerError = null;
			// Only the new fields: writing the whole entry back would also write fields this
			// session read earlier and that have changed since (the seed, once used).
			await updatePlan(this.planId, patch).catch(this.storageFailed);
		} catch (err) {
			if (err instanceof ApiError) {
				this.#registerError = err.message;
				if (err.status < 500) return; // retrying will not help
			}
			// Offline or server unreachable: try again when the browser is back online, and now and then.
			window.addEventListener('online', this.onOnline);
			this.registerTimer = setTimeout(() => void this.connect(), 15_000);
		}
	}

	private onOnline = () => void this.connect();

	private async adoptSharedToken(entry: PlanIndexEntry | undefined, token: string): Promise<PlanIndexEntry | undefined> {
		const claims = readClaims(token);
		if (!claims || claims.pid !== this.planId) return entry;
		// Never downgrade: an editor who opens a read-only link keeps editing.
		if (entry?.role === 'edit' && entry.token && claims.role === 'view') return entry;
		// Nor lose ownership: the creator's token outranks any share link.
		if (entry?.token && readClaims(entry.token)?.own) return entry;
		const next: PlanIndexEntry = entry ? { ...entry, role: claims.role, token } : this.entryFromToken(token, claims.role);
		await putPlan(next);
		return next;
	}

	private entryFromToken(token: string, role: Role): PlanIndexEntry {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp read once, not state
		const now = new Date().toISOString();
		return { id: this.planId, title: '', role, token, createdAt: now, updatedAt: now };
	}

	/**
	 * Content arrived or its version changed: bring an older plan up to this app's schema
	 * (editors only; a viewer's copy is upgraded by the server copy once an editor opens it),
	 * or flag a plan written by a newer app. Deferred to a microtask: a migration writes to the
	 * document and must not run inside the observer of another transaction.
	 */
	private onMetaChange = () => {
		this.#hasContent = schemaVersion(this.doc) !== null;
		this.#template = planTemplate(this.doc);
		queueMicrotask(() => {
			if (this.destroyed) return;
			const version = schemaVersion(this.doc);
			this.#newerSchema = newerSchemaVersion(this.doc);
			if (this.loaded && this.role === 'edit' && version !== null && version < SCHEMA_VERSION) {
				migrate(this.doc, { language: i18n.locale });
			}
		});
	};

	private refreshAll(): void {
		for (const [, refresh] of this.projections) refresh();
	}

	private onAwarenessChange = () => {
		this.#peers = peersOf(this.awareness);
		this.onPresenceChange();
	};

	/** The tab is closing (no unmount happens): tell the home page it is gone. */
	private onPageHide = () => this.openHere.close();

	/** People in the plan changed: the other tabs hear it at once; the index (who was last seen) throttled. */
	private onPresenceChange(): void {
		if (!this.loaded || this.destroyed) return;
		const names = [this.identityName, ...this.#peers.map((p) => p.name)].map((n) => n.trim()).filter(Boolean);
		for (const name of names) this.seenNames.add(name);
		this.openHere.update(names.filter((n, i) => names.indexOf(n) === i));
		this.presenceTimer ??= setTimeout(() => {
			this.presenceTimer = null;
			if (!this.destroyed) this.writeSeenEditing();
		}, INDEX_REFRESH_MS);
	}

	private writeSeenEditing(): void {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp read once, not state
		const seenEditing = { names: [...this.seenNames], at: new Date().toISOString() };
		void updatePlan(this.planId, { seenEditing }).catch(this.storageFailed);
	}

	/** Copies what the home page lists (title, owner, period, template, status) into the index; `changed` also moves "last change". */
	private writeIndexSummary(changed = false): void {
		if (schemaVersion(this.doc) === null) return; // nothing loaded or received yet: keep what the index knows
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp read once, not state
		const patch: Partial<PlanIndexEntry> = { ...readPlanSummary(this.doc), ...(changed ? { updatedAt: new Date().toISOString() } : {}) };
		void updatePlan(this.planId, patch).then(() => this.openHere.touch(), this.storageFailed);
	}

	private onDocUpdate = () => {
		// Local and remote changes alike: "last change" is the last change this device saw.
		if (this.indexTimer || !this.loaded) return;
		this.indexTimer = setTimeout(() => {
			this.indexTimer = null;
			if (!this.destroyed) this.writeIndexSummary(true);
		}, INDEX_REFRESH_MS);
	};
}

export type { PlanOverview };
