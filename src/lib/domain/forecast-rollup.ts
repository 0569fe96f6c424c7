import { forecastCategoryOf, indexStages, type StageIndex } from './deal-outcome';
import type { Deal, PipelineStage } from './execution';
import { amountOf } from './funnel';

/** Categories a manager can see and adjust in a forecast call. */
export type AdjustableCategory = 'commit' | 'best-case' | 'pipeline';

/** A node of the sales organisation: a rep, team, region or the company. */
export interface OrgNode {
	id: string;
	/** Parent node id; null (or an unknown id) makes this a root. */
	parent: string | null;
}

/** A manager's override: the node's category total becomes `amount`. */
export interface ForecastAdjustment {
	nodeId: string;
	category: AdjustableCategory;
	amount: number;
}

export interface CategoryTotals {
	'closed-won': number;
	commit: number;
	'best-case': number;
	pipeline: number;
}

export interface RollupRow {
	nodeId: string;
	parent: string | null;
	/** Totals as rolled up from below, before this node's own adjustments. */
	submitted: CategoryTotals;
	/** Totals after this node's adjustments; this is what the parent receives. */
	adjusted: CategoryTotals;
	/** closed-won + commit (adjusted). */
	commitForecast: number;
	/** closed-won + commit + best-case (adjusted). */
	bestCaseForecast: number;
}

export const emptyTotals = (): CategoryTotals => ({ 'closed-won': 0, commit: 0, 'best-case': 0, pipeline: 0 });

/**
 * Forecast-category roll-up up the hierarchy (rep → team → region → company) with manager
 * adjustments.
 *
 * Each deal counts in the category its stage gives it (`forecastCategoryOf`: won stage → closed-won,
 * lost → closed-lost, whatever the stored category). Pass the deals of one period to get that
 * period's roll-up: the dashboard filters them by close month.
 *
 * Formula: submitted(node) = deals owned by the node + Σ adjusted(child); adjusted(node) =
 * submitted with each adjusted category replaced by the manager's amount. 'closed-lost' and
 * 'omitted' deals do not count; closed-won cannot be adjusted. Deals whose owner is not a node
 * are counted in `unassigned`. Throws a RangeError on a cycle in the hierarchy. O(n + deals).
 *
 * Example: reps a (commit 100) and b (commit 50) under team t, the manager adjusts b's commit
 * to 30 → team t submitted commit 130.
 */
export function forecastRollup(
	nodes: readonly OrgNode[],
	deals: readonly Deal[],
	adjustments: readonly ForecastAdjustment[] = [],
	stages: StageIndex | readonly PipelineStage[] = []
): { rows: RollupRow[]; unassigned: number } {
	const index = Array.isArray(stages) ? indexStages(stages) : (stages as StageIndex);
	const own = new Map(nodes.map((n) => [n.id, emptyTotals()]));
	let unassigned = 0;
	for (const deal of deals) {
		const category = forecastCategoryOf(deal, index);
		if (category === 'closed-lost' || category === 'omitted') continue;
		const totals = own.get(deal.owner);
		if (!totals) unassigned += 1;
		else totals[category] += amountOf(deal);
	}
	return { rows: rollupTotals(nodes, own, adjustments), unassigned };
}

/**
 * The roll-up from each node's own category totals (already summed from its deals), so an
 * incremental aggregate that keeps per-owner totals gets the same rows as `forecastRollup`.
 * Formula and errors: see `forecastRollup`. Example: own commit a 100, b 50, parent t → t 150.
 */
export function rollupTotals(
	nodes: readonly OrgNode[],
	own: ReadonlyMap<string, CategoryTotals>,
	adjustments: readonly ForecastAdjustment[] = []
): RollupRow[] {
	const byId = new Map(nodes.map((n) => [n.id, n]));
	const overrides = new Map<string, ForecastAdjustment[]>();
	for (const adjustment of adjustments) {
		if (!Number.isFinite(adjustment.amount)) continue;
		overrides.set(adjustment.nodeId, [...(overrides.get(adjustment.nodeId) ?? []), adjustment]);
	}

	const depth = depths(nodes, byId);
	const order = [...nodes].sort((a, b) => (depth.get(b.id) ?? 0) - (depth.get(a.id) ?? 0));
	const incoming = new Map(nodes.map((n) => [n.id, emptyTotals()]));
	const rows = new Map<string, RollupRow>();
	for (const node of order) {
		const submitted = sumTotals(own.get(node.id) ?? emptyTotals(), incoming.get(node.id) ?? emptyTotals());
		const adjusted = { ...submitted };
		for (const a of overrides.get(node.id) ?? []) adjusted[a.category] = a.amount;
		const parent = node.parent !== null && byId.has(node.parent) ? node.parent : null;
		if (parent !== null) incoming.set(parent, sumTotals(incoming.get(parent) ?? emptyTotals(), adjusted));
		rows.set(node.id, {
			nodeId: node.id,
			parent,
			submitted,
			adjusted,
			commitForecast: adjusted['closed-won'] + adjusted.commit,
			bestCaseForecast: adjusted['closed-won'] + adjusted.commit + adjusted['best-case']
		});
	}
	return nodes.map((n) => rows.get(n.id)).filter((r): r is RollupRow => r !== undefined);
}

function sumTotals(a: CategoryTotals, b: CategoryTotals): CategoryTotals {
	return {
		'closed-won': a['closed-won'] + b['closed-won'],
		commit: a.commit + b.commit,
		'best-case': a['best-case'] + b['best-case'],
		pipeline: a.pipeline + b.pipeline
	};
}

/** Distance of each node from its root; throws on a cycle. Memoised, so O(n) overall. */
function depths(nodes: readonly OrgNode[], byId: ReadonlyMap<string, OrgNode>): Map<string, number> {
	const depth = new Map<string, number>();
	for (const start of nodes) {
		const path: string[] = [];
		const onPath = new Set<string>();
		let current: OrgNode | undefined = start;
		while (current && !depth.has(current.id)) {
			if (onPath.has(current.id)) throw new RangeError(`org hierarchy has a cycle through '${current.id}'`);
			onPath.add(current.id);
			path.push(current.id);
			current = current.parent === null ? undefined : byId.get(current.parent);
		}
		let base = current ? (depth.get(current.id) ?? 0) : -1;
		for (let i = path.length - 1; i >= 0; i--) depth.set(path[i] ?? '', ++base);
	}
	return depth;
}
