import { afterNavigate, replaceState } from '$app/navigation';
import { page } from '$app/state';
import { untrack } from 'svelte';
import { loadChart } from '$lib/charts/load-chart';
import type { ExecFilters } from '$lib/domain/dashboard';
import { filtersFromUrl } from '$lib/domain/exec-filters-url';
import { planNow, viewerTimeZone } from '$lib/domain/plan-clock';
import { fiscalPeriods, type PeriodTargets } from '$lib/domain/plan/targets-by-period';
import { templateText } from '$lib/domain/plan/template-text';
import { instantiatePipeline, TEMPLATES } from '$lib/domain/plan/templates';
import { instantiateMetrics } from '$lib/domain/template-metrics';
import { i18n, t } from '$lib/i18n/i18n.svelte';
import { isPlanId } from '$lib/protocol/plan-id';
import { recoverFromMissingChunk } from '$lib/sync/deploy-recovery';
import { openMark } from '$lib/sync/open-timing';
import type { ExecutionSession } from '$lib/sync/execution-session.svelte';
import { loadIdentity, type Identity } from '$lib/sync/identity';
import { PlanSession } from '$lib/sync/plan-session.svelte';
import { syncServerUrl } from '$lib/sync/server';
import { execRules, typicalQuota, type TargetBasis } from './execution-inputs';
import { ExecutionTargets } from './execution-targets.svelte';
import { teamMembers } from '$lib/domain/team';
import type { PlanSectionTab } from './sections/plan-sections';
import { areaFromUrl, workspaceUrl, type Area } from './workspace-url';

/** The Execution, Cockpit and Reviews areas and the execution session: one lazily loaded chunk. */
type AreasChunk = typeof import('./areas');

/**
 * Everything the plan page shows, and the only place that changes it: the plan session (one per
 * plan id in the address), the execution session once an area needs it, which area and section
 * are in view, the cockpit's filters (one period selection, kept in the URL), presenting and
 * following, the target basis and the plan's clock. Components read it from context
 * (`getPlanWorkspace()`) and change it through its methods. Created during the page's
 * initialisation: its effects are the page's, and stop with it.
 */
export class PlanWorkspace {
	/** The plan in the address; null until its session is created. */
	session = $state.raw<PlanSession | null>(null);
	/** The execution data, opened the first time an area that shows it is in view; kept for the plan. */
	exec = $state.raw<ExecutionSession | null>(null);
	areas = $state.raw<AreasChunk | null>(null);
	/** The areas chunk could not be loaded (offline before it was ever cached). */
	areasError = $state<string | null>(null);
	/** Metrics against the current targets or the approved baseline's (the cockpit's select binds it). */
	targetBasis = $state<TargetBasis>('current');

	#area = $state<Area>(areaFromUrl(page.url.searchParams));
	#section = $state<PlanSectionTab>('overview');
	#filters = $state<ExecFilters>(filtersFromUrl(page.url.searchParams));
	/** The slide this person presents, or null. */
	#presentingSlide = $state<number | null>(null);
	/** The client id of the presenter this person follows, or null. */
	#following = $state<number | null>(null);
	/** This person's name, credited with approvals and reviews (the identity field changes it). */
	#author = $state(loadIdentity().name);
	#clockTick = $state(0);

	readonly planId = $derived(page.params.id ?? '');
	/** A plan from a newer app stays editable: this version only edits what it knows (newer-schema.ts). */
	readonly readonly = $derived(this.session?.role !== 'edit');
	readonly currency = $derived(this.session?.overview.values.currency ?? '');
	/** The plan's time zone; an old plan without one uses the viewer's (and the dashboards say so). */
	readonly zoneFallback = $derived((this.session?.overview.values.timeZone ?? '') === '');
	/** "Now" in the plan's time zone, re-read every minute: a page left open crosses midnight and month ends. */
	readonly now = $derived.by(() => {
		void this.#clockTick;
		return planNow(this.session?.overview.values.timeZone || viewerTimeZone());
	});
	/** What an exported file is named after: `<plan>-<table>-<today in the plan's zone>`. */
	readonly exportPlan = $derived({ title: this.session?.overview.values.title || t('home.untitled'), today: this.now.today });
	/** The plan's fiscal months, 'YYYY-MM': the default period of every dashboard. */
	readonly fiscalMonths = $derived.by(() => {
		const values = this.session?.overview.values;
		return values ? fiscalPeriods(values.fiscalYear, values.fiscalStartMonth) : [];
	});
	readonly typicalQuota = $derived(this.session ? typicalQuota(this.session.targets) : null);
	readonly presenters = $derived(this.session?.peers.filter((p) => p.presenting !== null) ?? []);
	/** The presenter this person follows, while they present. */
	readonly presenter = $derived(this.presenters.find((p) => p.clientId === this.#following) ?? null);

	readonly #figures = new ExecutionTargets(this);
	/** The targets Execution, the cockpit and reviews measure against, on the chosen basis. */
	get execTargets(): Partial<PeriodTargets> {
		return this.#figures.targets;
	}
	/** Team capacity per goal metric from execution history (undefined until it is open). */
	get goalCapacities() {
		return this.#figures.goalCapacities;
	}
	/** What a review freezes its targets against: the baseline only when there is one. */
	readonly reviewBasis = $derived<TargetBasis>(this.targetBasis === 'baseline' && this.session?.baseline.baseline ? 'baseline' : 'current');

	constructor() {
		// One session per plan id. The share token is read from the fragment (removed below).
		$effect(() => {
			const id = this.planId;
			if (!isPlanId(id)) return;
			const session = untrack(() => this.#openPlan(id));
			return () => {
				session.destroy();
				this.exec?.destroy();
				this.exec = null;
			};
		});
		// Drop the token from the address bar once the router is ready (it is stored by then or
		// about to be), so it is not copied along with the URL by accident.
		afterNavigate(() => {
			if (location.hash.includes('token=')) replaceState(location.pathname + location.search, page.state);
		});
		// A plan made on this device gets its token when it registers: the execution doc connects then.
		$effect(() => {
			const session = this.session;
			const exec = this.exec;
			if (!session?.registered || !exec) return;
			const access = { role: session.role, token: session.token };
			untrack(() => exec.setAccess(access));
		});
		// A new fiscal year or currency re-checks every record against it; a new exchange rate the foreign ones.
		$effect(() => {
			const rules = execRules(this.session?.overview.values, this.session?.fxRates);
			const exec = this.exec;
			untrack(() => exec?.setRules(rules)); // setRules bumps the version this effect must not track
		});
		// One team list: execution names, filters, owner choices and the roll-up are the plan's team,
		// live as anyone edits the Targets section (domain/team.ts).
		$effect(() => {
			const session = this.session;
			const units = session?.targets.units;
			const exec = this.exec;
			const team = units ? teamMembers(units.map((u) => u.unit)) : null;
			// A view link cannot run the migration below: until an editor has, it sees the team as
			// the migration will make it (computed on a copy), so no deal shows an unknown owner.
			const legacy = session && team && session.role !== 'edit' ? unknownTo(team, exec?.legacyReps() ?? []) : [];
			const shown = legacy.length > 0 ? session!.teamPreview(exec!.legacyReps(), t('team.unassigned')) : team;
			untrack(() => exec?.setTeam(shown));
		});
		// People still only in the execution document's old rep list (documents from before the one
		// team list, or an older app's new rep) are taken into the plan's team, once, idempotently.
		$effect(() => {
			const session = this.session;
			const units = session?.targets.units;
			const legacy = this.exec?.legacyReps() ?? [];
			if (!session?.loaded || !units || session.role !== 'edit' || unknownTo(teamMembers(units.map((u) => u.unit)), legacy).length === 0) return;
			untrack(() => session.linkExecutionTeam(legacy, t('team.unassigned')));
		});
		$effect(() => {
			const timer = setInterval(() => this.#clockTick++, 60_000);
			return () => clearInterval(timer);
		});
		// The presenter stopped or left: stop following (a later presentation is offered again).
		$effect(() => {
			if (this.#following !== null && !this.presenter) untrack(() => (this.#following = null));
		});
		this.#prepareArea();
	}

	get area(): Area {
		return this.#area;
	}
	get section(): PlanSectionTab {
		return this.#section;
	}
	/** The filters Execution and the cockpit share (one period selection). */
	get filters(): ExecFilters {
		return this.#filters;
	}
	get presentingSlide(): number | null {
		return this.#presentingSlide;
	}
	get following(): number | null {
		return this.#following;
	}
	get author(): string {
		return this.#author;
	}
	/** Undo acts on the document in view: the execution data there, the plan everywhere else. */
	get undoTarget(): PlanSession | ExecutionSession | null {
		return this.#area === 'execution' ? this.exec : this.session;
	}

	/** For what renders only while a plan is open. */
	requireSession(): PlanSession {
		if (!this.session) throw new Error('no plan is open');
		return this.session;
	}
	/** For the areas, which render only once the execution data is open. */
	requireExec(): ExecutionSession {
		if (!this.exec) throw new Error('the execution data is not open');
		return this.exec;
	}

	showArea(next: Area): void {
		this.#area = next;
		this.#writeUrl();
		this.#prepareArea();
	}

	showSection(next: PlanSectionTab): void {
		this.#section = next;
		this.session?.setSection(next);
	}

	/** The one place the team is edited with its targets: the plan's Targets section (domain/team.ts). */
	showTeamEditor(): void {
		this.showSection('targets');
		this.showArea('plan');
	}

	setFilters(next: ExecFilters): void {
		this.#filters = next;
		this.#writeUrl();
		this.#announce();
	}

	/** Presents from `slide` (announced to everyone with the filters), or stops with null. */
	present(slide: number | null): void {
		this.#presentingSlide = slide;
		this.#announce();
	}

	follow(clientId: number): void {
		this.#following = clientId;
		this.showArea('cockpit');
	}

	stopFollowing(): void {
		this.#following = null;
	}

	setIdentity(identity: Identity): void {
		this.#author = identity.name;
		this.session?.setIdentity(identity);
	}

	/** Approves the plan; the refusal in words, or null. */
	approve(): string | null {
		if (!this.session) return null;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp read once, not state
		const result = this.session.sections.overview.approve(this.#author || t('review.someone'), new Date().toISOString());
		return result.ok ? null : t(`baseline.refused.${result.reason}`);
	}

	/**
	 * The whole plan as a backup file: the plan and its execution data (opened and loaded for it
	 * if no area showed it yet), each after its copy settled with the server's when online.
	 * `complete` is false when either was taken offline from this device's copy alone.
	 */
	async backup(): Promise<{ bytes: Uint8Array; fileName: string; complete: boolean }> {
		const session = this.requireSession();
		this.areas ??= await import('./areas');
		await new Promise<void>((resolve) => session.whenLoaded(resolve));
		this.#openExecution(true);
		const exec = this.requireExec();
		await new Promise<void>((resolve) => exec.whenLoaded(resolve));
		const settled = await Promise.all([session.whenSettled(), exec.whenSettled()]);
		const [{ makePlanBackup }, { BACKUP_EXTENSION, BACKUP_TABLE_NAME }, { fileNameOn }] = await Promise.all([
			import('$lib/sync/plan-backup'),
			import('$lib/export/backup'),
			import('$lib/export/file-name')
		]);
		const { title, today } = this.exportPlan;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp read once, not state
		const bytes = makePlanBackup(session, exec, title, new Date().toISOString());
		return { bytes, fileName: fileNameOn(title, BACKUP_TABLE_NAME, BACKUP_EXTENSION, today), complete: settled.every(Boolean) };
	}

	// Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z and Ctrl+Y use the per-user undo, also inside text fields (the
	// browser's own undo would not know about colleagues' edits).
	onkeydown = (event: KeyboardEvent): void => {
		if (!this.session || this.readonly || !(event.ctrlKey || event.metaKey) || event.altKey) return;
		const key = event.key.toLowerCase();
		if (key === 'z' && !event.shiftKey) this.undoTarget?.undo();
		else if ((key === 'z' && event.shiftKey) || key === 'y') this.undoTarget?.redo();
		else return;
		event.preventDefault();
	};

	#openPlan(id: string): PlanSession {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- read once from the address bar, not state
		const sharedToken = new URLSearchParams(location.hash.slice(1)).get('token');
		const session = new PlanSession(id, syncServerUrl(location), loadIdentity());
		this.session = session;
		void session.open(sharedToken);
		// Once its local copy loaded (template, role and token known), an area already in view gets
		// its execution data; later ones open it in showArea().
		session.whenLoaded(() => this.#openExecution());
		return session;
	}

	/** Execution, the cockpit and reviews need their chunk (and the cockpit Chart.js), then the execution data. */
	#prepareArea(): void {
		if (this.#area === 'plan' && this.#following === null) return;
		// The cockpit needs Chart.js too: fetch it alongside, not after, the areas chunk.
		if (this.#area === 'cockpit' || this.#following !== null)
			void loadChart().then(
				() => openMark('chart-module'),
				() => {}
			);
		if (this.areas) return this.#openExecution();
		import('./areas').then(
			(chunk) => {
				openMark('areas-chunk');
				this.areas = chunk;
				this.#openExecution();
			},
			async (err) => {
				// A deploy removed this build's chunks: reload into the new build. This handler
				// keeps the failure from Vite's vite:preloadError, so it must ask itself.
				if (await recoverFromMissingChunk()) return;
				this.areasError = String(err?.message ?? err); // e.g. offline before the chunk was ever cached
			}
		);
	}

	/** Opens the execution data once an area shows it (or a backup needs it), its chunk is here and the plan has loaded. */
	#openExecution(evenInPlanArea = false): void {
		const session = this.session;
		if ((this.#area === 'plan' && !evenInPlanArea) || !this.areas || !session?.loaded || this.exec) return;
		const stages = instantiatePipeline(TEMPLATES[session.template], (key) => templateText(i18n.locale, key));
		const access = { role: session.role, token: session.token };
		const metrics = instantiateMetrics(session.template, (key) => t(`metrics.template.${key}`));
		const exec = new this.areas.ExecutionSession(
			session.planId,
			syncServerUrl(location),
			access,
			execRules(session.overview.values, session.fxRates),
			stages,
			metrics
		);
		this.exec = exec;
		void exec.open();
	}

	/** The presenter announces slide and filters; everyone else may follow. */
	#announce(): void {
		const slide = this.#presentingSlide;
		this.session?.setPresenting(slide === null ? null : { slide, filters: { ...this.#filters } as Record<string, string> });
	}

	#writeUrl(): void {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a one-off value handed to the router, not state
		replaceState(workspaceUrl(new URL(location.href), this.#area, this.#filters), page.state);
	}
}

/** Execution reps the team does not know by owner id (after the migration: none). */
function unknownTo(team: readonly { id: string }[], legacy: readonly { id: string }[]): { id: string }[] {
	const known = new Set(team.map((m) => m.id));
	return legacy.filter((r) => !known.has(r.id));
}
