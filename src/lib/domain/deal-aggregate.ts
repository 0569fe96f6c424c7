import type { StageIndex } from './deal-outcome';
import { MS_PER_DAY } from './dates';
import type { DealFacts } from './deal-facts';
import type { CycleLength, WinRate } from './deal-metrics';
import { cycleOf, salesVelocity } from './deal-metrics';
import type { PipelineStage } from './execution';
import { emptyTotals, type CategoryTotals } from './forecast-rollup';
import { funnelFromCounts, type CountAmount, type Funnel } from './funnel';
import type { WeightedMonth } from './pipeline';
import { SortedBag } from './sorted-bag';
import type { StageTimeRow } from './stage-time';
import { percent } from './stats';

/**
 * Deal metrics that follow single edits. The whole-array functions (funnel, winRate,
 * cycleLength, weightedPipelineByMonth, timeInStage, stuckDeals, forecastRollup) re-read every
 * deal; at 100k deals a keystroke would cost a full pass and a sort. This aggregate keeps their
 * running sums and histograms instead: `add`/`remove` one deal's facts is O(stages + stays),
 * and each read is O(stages + months + owners + distinct stay lengths). The reads return what
 * the whole-array functions return on the same deals (tests/unit/doc/execution: the projection against
 * reference.ts), up to the order in which floating-point sums were taken.
 *
 * Example: add facts of a won 100 deal and a lost 300 deal → winRate() 50% by count, 25% by amount.
 */
export class DealAggregate {
	private readonly current: CountAmount[];
	private readonly furthest: CountAmount[];
	private readonly lost: CountAmount[];
	private excluded = 0;
	private won = 0;
	private lostCount = 0;
	private wonAmount = 0;
	private lostAmount = 0;
	private open = 0;
	private cycleSum = 0;
	private readonly cycle = new SortedBag();
	private readonly months = new Map<string, WeightedMonth>();
	private readonly wonMonths = new Map<string, CountAmount>();
	private readonly owners = new Map<string, { count: number; totals: CategoryTotals }>();
	private readonly stays = new Map<string, SortedBag>();
	/** Per stage, the day number (ms ÷ MS_PER_DAY) open deals entered it. */
	private readonly entered = new Map<string, SortedBag>();
	/** Deals currently counted. */
	size = 0;

	constructor(private readonly index: StageIndex) {
		const zeros = () => Array.from({ length: index.funnel.length }, () => ({ count: 0, amount: 0 }));
		this.current = zeros();
		this.furthest = zeros();
		this.lost = zeros();
	}

	/** Builds from many deals (adds are O(1) amortised: no sort of all values, see SortedBag). */
	static of(index: StageIndex, facts: Iterable<DealFacts>): DealAggregate {
		const aggregate = new DealAggregate(index);
		for (const f of facts) aggregate.add(f);
		return aggregate;
	}

	add(f: DealFacts): void {
		this.count(f, 1);
		if (f.cycleDays !== null) this.cycle.add(f.cycleDays);
		for (const stay of f.stays) bag(this.stays, stay.stage).add(stay.days);
		if (f.entered !== null) bag(this.entered, f.stage).add(f.entered / MS_PER_DAY);
	}

	remove(f: DealFacts): void {
		this.count(f, -1);
		if (f.cycleDays !== null) this.cycle.remove(f.cycleDays);
		for (const stay of f.stays) this.stays.get(stay.stage)?.remove(stay.days);
		if (f.entered !== null) this.entered.get(f.stage)?.remove(f.entered / MS_PER_DAY);
	}

	/** The sums part of add (sign 1) and remove (sign −1). */
	private count(f: DealFacts, sign: 1 | -1): void {
		this.size += sign;
		if (f.furthest < 0) this.excluded += sign;
		else {
			bump(this.furthest[f.furthest], f.amount, sign);
			if (f.current >= 0) bump(this.current[f.current], f.amount, sign);
			if (f.outcome === 'lost') bump(this.lost[f.furthest], f.amount, sign);
		}
		if (f.outcome === 'won') {
			this.won += sign;
			this.wonAmount += sign * f.amount;
			if (f.cycleDays !== null) this.cycleSum += sign * f.cycleDays;
			if (f.periodMonth !== null) bumpKey(this.wonMonths, f.periodMonth, f.amount, sign);
		} else if (f.outcome === 'lost') {
			this.lostCount += sign;
			this.lostAmount += sign * f.amount;
		} else {
			this.open += sign;
			let row = this.months.get(f.expectedMonth);
			if (!row) this.months.set(f.expectedMonth, (row = { month: f.expectedMonth, count: 0, amount: 0, weighted: 0 }));
			row.count += sign;
			row.amount += sign * f.amount;
			row.weighted += sign * f.weighted;
			if (row.count === 0) this.months.delete(f.expectedMonth);
		}
		if (f.category !== 'closed-lost' && f.category !== 'omitted') {
			let owner = this.owners.get(f.owner);
			if (!owner) this.owners.set(f.owner, (owner = { count: 0, totals: emptyTotals() }));
			owner.count += sign;
			owner.totals[f.category] += sign * f.amount;
			if (owner.count === 0) this.owners.delete(f.owner);
		}
	}

	funnel(): Funnel {
		return funnelFromCounts(this.index, { current: this.current, furthest: this.furthest, lost: this.lost, excluded: this.excluded });
	}

	winRate(): WinRate {
		return {
			won: this.won,
			lost: this.lostCount,
			winRatePct: percent(this.won, this.won + this.lostCount),
			amountWinRatePct: percent(this.wonAmount, this.wonAmount + this.lostAmount)
		};
	}

	averageDealSize(): number | null {
		return this.won === 0 ? null : this.wonAmount / this.won;
	}

	cycleLength(): CycleLength {
		const count = this.cycle.size;
		return cycleOf(count, count === 0 ? null : this.cycleSum / count, this.cycle.quantile(0.5));
	}

	openDeals(): number {
		return this.open;
	}

	salesVelocity(): number | null {
		return salesVelocity({
			openDeals: this.open,
			winRatePct: this.winRate().winRatePct,
			averageDealSize: this.averageDealSize(),
			cycleDays: this.cycleLength().days
		});
	}

	/** As weightedPipelineByMonth: sorted by month, 'unscheduled' last. */
	weightedPipeline(): WeightedMonth[] {
		return [...this.months.values()]
			.map((row) => ({ ...row }))
			.sort((a, b) => (a.month === 'unscheduled' ? 1 : b.month === 'unscheduled' ? -1 : a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
	}

	/** Won count and amount per close month. */
	wonByMonth(): ReadonlyMap<string, CountAmount> {
		return this.wonMonths;
	}

	/** As timeInStage, one row per configured stage in the given order. */
	timeInStage(stages: readonly PipelineStage[]): StageTimeRow[] {
		return stages.map((stage) => {
			const days = this.stays.get(stage.id);
			return { stageId: stage.id, stays: days?.size ?? 0, medianDays: days?.quantile(0.5) ?? null, p90Days: days?.quantile(0.9) ?? null };
		});
	}

	/**
	 * Stuck open deals per stage, as `stuckDeals(…).length` split by stage: in the stage longer than
	 * `limits[stage]`, else the stage's p90 of completed stays.
	 */
	stuckByStage(asOf: number, limits: Readonly<Record<string, number>> = {}): Map<string, number> {
		const stuck = new Map<string, number>();
		if (!Number.isFinite(asOf)) return stuck;
		for (const [stage, entered] of this.entered) {
			const limit = limits[stage] ?? this.stays.get(stage)?.quantile(0.9) ?? undefined;
			if (limit === undefined || limit === null || !Number.isFinite(limit)) continue;
			// Entry days are sorted ascending, so "in stage longer than the limit" holds for a prefix.
			// Kept as day numbers (whole for midnight dates) because small whole numbers hash fastest;
			// day × MS_PER_DAY gives back the exact time for those.
			const count = entered.countPrefix((day) => (asOf - day * MS_PER_DAY) / MS_PER_DAY > limit);
			if (count > 0) stuck.set(stage, count);
		}
		return stuck;
	}

	/** Own forecast-category totals per owner (input of rollupTotals), and deals owned by none of `nodeIds`. */
	ownerTotals(nodeIds: ReadonlySet<string>): { own: Map<string, CategoryTotals>; unassigned: number } {
		const own = new Map<string, CategoryTotals>();
		let unassigned = 0;
		for (const [owner, { count, totals }] of this.owners) {
			if (nodeIds.has(owner)) own.set(owner, { ...totals });
			else unassigned += count;
		}
		return { own, unassigned };
	}
}

function bag(map: Map<string, SortedBag>, key: string): SortedBag {
	let found = map.get(key);
	if (!found) map.set(key, (found = new SortedBag()));
	return found;
}

function bump(target: CountAmount | undefined, amount: number, sign: 1 | -1): void {
	if (!target) return;
	target.count += sign;
	target.amount += sign * amount;
	// Once nothing is counted the sum is exactly zero again (no float residue from add/remove).
	if (target.count === 0) target.amount = 0;
}

function bumpKey(map: Map<string, CountAmount>, key: string, amount: number, sign: 1 | -1): void {
	let row = map.get(key);
	if (!row) map.set(key, (row = { count: 0, amount: 0 }));
	bump(row, amount, sign);
	if (row.count === 0) map.delete(key);
}
