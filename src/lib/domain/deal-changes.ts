/**
 * "What changed since last week": each deal as it stood on two days, the changes between them
 * (added, won, lost, pulled in, pushed out, stage forward/back, category, amount), how often a
 * deal's close date has slipped, and a bridge that reconciles the commit and best-case figures
 * of the earlier day to the later one, change by change.
 *
 * A deal's past is rebuilt from its current state by undoing its recorded field changes made
 * after the day (amount, expected close, forecast category) and by its dated stage history.
 * Changes made before history was recorded cannot be seen; those deals show no change for them.
 * Pure; days are 'YYYY-MM-DD' in the plan's time zone.
 */
import { convertAmount } from './fx';
import { dealOutcome, forecastCategoryOf, indexStages, type StageIndex } from './deal-outcome';
import type { Deal, ForecastCategory, PipelineStage } from './execution';
import { isPlainObject } from './exec-read';
import { dayIn } from './plan-clock';

/** Deal fields whose edits are recorded with their previous value. */
export const TRACKED_DEAL_FIELDS = ['amount', 'expectedClose', 'forecastCategory'] as const;
export type TrackedDealField = (typeof TRACKED_DEAL_FIELDS)[number];

export interface DealFieldChange {
	deal: string;
	field: TrackedDealField;
	from: unknown;
	to: unknown;
	/** The day of the change in the plan's time zone. */
	at: string;
}

/** Kinds of change, in the order a deal's figure change is attributed to the first that applies. */
export const CHANGE_KINDS = ['added', 'won', 'lost', 'pulledIn', 'pushedOut', 'stageForward', 'stageBack', 'category', 'amountUp', 'amountDown'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface DealState {
	amount: number;
	expectedClose: string;
	stage: string;
	category: ForecastCategory;
	outcome: 'won' | 'lost' | 'open';
	/** The day the figure falls on: the close day of a closed deal, else the expected close. */
	day: string;
}

export interface DealChangeRow {
	deal: Deal;
	before: DealState | null;
	after: DealState;
	kinds: ChangeKind[];
	/** How many times the close date moved later, over the deal's recorded history up to the later day. */
	slips: number;
	/** Change of the deal's part in the commit figure (closed-won + commit), and in best case. */
	commitDelta: number;
	bestCaseDelta: number;
}

export interface Figures {
	commit: number;
	bestCase: number;
}

export interface WhatChanged {
	rows: DealChangeRow[];
	counts: Record<ChangeKind, number>;
	/** before + Σ byKind = after, to the cent. A figure change no listed kind explains is 'other'. */
	bridge: { before: Figures; after: Figures; byKind: Record<ChangeKind | 'other', Figures> };
}

/**
 * The recorded changes as days of the plan's time zone (they are stored as instants, so an office
 * in another zone files each change on the same plan day). Malformed entries from peers are skipped.
 */
export function readDealChanges(raw: readonly unknown[], timeZone: string): DealFieldChange[] {
	const out: DealFieldChange[] = [];
	for (const entry of raw) {
		if (!isPlainObject(entry) || typeof entry.deal !== 'string' || typeof entry.at !== 'string') continue;
		if (!(TRACKED_DEAL_FIELDS as readonly unknown[]).includes(entry.field)) continue;
		const ms = Date.parse(entry.at);
		if (!Number.isFinite(ms)) continue;
		out.push({ deal: entry.deal, field: entry.field as TrackedDealField, from: entry.from, to: entry.to, at: dayIn(ms, timeZone) });
	}
	return out;
}

const byDay = (a: { at: string }, b: { at: string }) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);
const fromCents = (n: number) => n / 100;

/** The deal on `day`, or null when it did not exist yet. `changes`: this deal's, sorted by day. */
export function dealOn(deal: Deal, changes: readonly DealFieldChange[], day: string, stages: StageIndex): DealState | null {
	if (typeof deal.createdAt === 'string' && deal.createdAt > day) return null;
	// The log holds amounts as entered: a converted deal is rebuilt in its own currency, then converted
	// at the deal's rate, so then and now compare in the reporting currency and a rate change is no amount change.
	const rate = deal.original?.rate ?? 1;
	const past: Deal = deal.original ? { ...deal, amount: deal.original.amount } : { ...deal };
	for (let i = changes.length - 1; i >= 0; i--) {
		const change = changes[i]!;
		if (change.at <= day) break;
		(past as unknown as Record<string, unknown>)[change.field] = change.from;
	}
	const history = [...deal.stageHistory].sort(byDay);
	const known = history.filter((c) => c.at <= day);
	past.stage = known.length > 0 ? known[known.length - 1]!.stage : (history[0]?.stage ?? deal.stage);
	past.stageHistory = known;
	const outcome = dealOutcome(past, stages);
	const closedOn =
		outcome === 'open' ? null : (known.findLast((c) => (outcome === 'won' ? stages.byId.get(c.stage)?.isWon : stages.byId.get(c.stage)?.isLost))?.at ?? null);
	return {
		amount: typeof past.amount === 'number' && Number.isFinite(past.amount) ? convertAmount(past.amount, rate) : 0,
		expectedClose: String(past.expectedClose ?? ''),
		stage: past.stage,
		category: forecastCategoryOf(past, stages),
		outcome,
		day: closedOn ?? String(past.expectedClose ?? '')
	};
}

/** A deal's part in the commit and best-case figures, in whole cents so the bridge adds up exactly. */
function figures(state: DealState | null, period: { from: string; to: string }): Figures {
	if (!state || state.day < period.from || state.day > period.to) return { commit: 0, bestCase: 0 };
	const { category } = state;
	const amount = Math.round(state.amount * 100);
	const commit = category === 'closed-won' || category === 'commit' ? amount : 0;
	return { commit, bestCase: commit + (category === 'best-case' ? amount : 0) };
}

function kindsOf(before: DealState | null, after: DealState, stages: StageIndex): ChangeKind[] {
	if (!before) return ['added'];
	const kinds: ChangeKind[] = [];
	if (after.outcome === 'won' && before.outcome !== 'won') kinds.push('won');
	if (after.outcome === 'lost' && before.outcome !== 'lost') kinds.push('lost');
	if (after.expectedClose && before.expectedClose && after.expectedClose < before.expectedClose) kinds.push('pulledIn');
	if (after.expectedClose && before.expectedClose && after.expectedClose > before.expectedClose) kinds.push('pushedOut');
	if (after.outcome === 'open' && before.outcome === 'open') {
		const from = stages.position.get(before.stage);
		const to = stages.position.get(after.stage);
		if (from !== undefined && to !== undefined && to > from) kinds.push('stageForward');
		if (from !== undefined && to !== undefined && to < from) kinds.push('stageBack');
		if (before.category !== after.category) kinds.push('category');
	}
	if (after.amount > before.amount) kinds.push('amountUp');
	if (after.amount < before.amount) kinds.push('amountDown');
	return kinds;
}

const zeroFigures = (): Figures => ({ commit: 0, bestCase: 0 });

/**
 * What changed for the deals whose figure falls in `period` on either day, between the end of
 * day `since` and the end of day `until`. `include` picks the deals (e.g. a team's owners).
 * Example: a commit deal of 100 in the quarter won this week → kinds ['won'], commitDelta 0;
 * a commit deal pushed into next quarter → ['pushedOut'], commitDelta −100.
 */
export function whatChanged(input: {
	deals: readonly Deal[];
	changes: readonly DealFieldChange[];
	stages: readonly PipelineStage[];
	period: { from: string; to: string };
	since: string;
	until: string;
	include?: (deal: Deal) => boolean;
}): WhatChanged {
	const stages = indexStages(input.stages);
	const perDeal = new Map<string, DealFieldChange[]>();
	for (const change of input.changes) {
		const list = perDeal.get(change.deal);
		if (list) list.push(change);
		else perDeal.set(change.deal, [change]);
	}
	for (const list of perDeal.values()) list.sort(byDay);
	const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
	const byKind = Object.fromEntries([...CHANGE_KINDS, 'other'].map((k) => [k, zeroFigures()])) as WhatChanged['bridge']['byKind'];
	const before = zeroFigures();
	const after = zeroFigures();
	const rows: DealChangeRow[] = [];
	for (const deal of input.deals) {
		if (input.include && !input.include(deal)) continue;
		const changes = perDeal.get(deal.id) ?? [];
		const then = dealOn(deal, changes, input.since, stages);
		const now = dealOn(deal, changes, input.until, stages);
		if (!now) continue;
		const f0 = figures(then, input.period);
		const f1 = figures(now, input.period);
		const inPeriod = (s: DealState | null) => s !== null && s.day >= input.period.from && s.day <= input.period.to;
		if (!inPeriod(then) && !inPeriod(now)) continue;
		before.commit += f0.commit;
		before.bestCase += f0.bestCase;
		after.commit += f1.commit;
		after.bestCase += f1.bestCase;
		const kinds = kindsOf(then, now, stages);
		const commitDelta = f1.commit - f0.commit;
		const bestCaseDelta = f1.bestCase - f0.bestCase;
		const primary = kinds[0] ?? 'other';
		byKind[primary].commit += commitDelta;
		byKind[primary].bestCase += bestCaseDelta;
		if (kinds.length === 0) continue;
		for (const kind of kinds) counts[kind] += 1;
		const slips = changes.filter((c) => c.field === 'expectedClose' && c.at <= input.until && String(c.to) > String(c.from)).length;
		rows.push({ deal, before: then, after: now, kinds, slips, commitDelta: fromCents(commitDelta), bestCaseDelta: fromCents(bestCaseDelta) });
	}
	for (const figure of Object.values(byKind)) {
		figure.commit = fromCents(figure.commit);
		figure.bestCase = fromCents(figure.bestCase);
	}
	// Largest effect on the call first; ties by deal id so every replica lists the same order.
	rows.sort(
		(a, b) => Math.abs(b.commitDelta) - Math.abs(a.commitDelta) || Math.abs(b.bestCaseDelta) - Math.abs(a.bestCaseDelta) || (a.deal.id < b.deal.id ? -1 : 1)
	);
	return {
		rows,
		counts,
		bridge: {
			before: { commit: fromCents(before.commit), bestCase: fromCents(before.bestCase) },
			after: { commit: fromCents(after.commit), bestCase: fromCents(after.bestCase) },
			byKind
		}
	};
}
