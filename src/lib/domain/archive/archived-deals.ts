import { dealFacts, type DealFacts } from '../deal-facts';
import type { StageIndex } from '../deal-outcome';
import type { ExecFilters } from '../exec-filters';
import type { Deal, Rep } from '../execution';
import { dealAt, type DealColumns } from './deal-archive';

const set = (value: string | undefined): value is string => value !== undefined && value !== '';

/**
 * One archived month as the metrics read it: each deal's facts (derived once per stage list, as
 * for live deals — the same dealFacts, so a figure is the same whether its deal is live or
 * archived) and filter matching on the columns' string indexes, without building deal objects
 * for deals a filter leaves out. A deal that is also live (reopened) is skipped by the caller.
 */
export class ArchivedMonth {
	#facts: DealFacts[] | null = null;
	#stages: StageIndex | null = null;

	constructor(readonly columns: DealColumns) {}

	get month(): string {
		return this.columns.period;
	}

	get rows(): number {
		return this.columns.rows;
	}

	id(i: number): string {
		return this.columns.strings[this.columns.text.id[i]!]!;
	}

	deal(i: number): Deal {
		return dealAt(this.columns, i);
	}

	/** Facts of every deal, computed on first use and again only when the stage list changes. */
	facts(stages: StageIndex): readonly DealFacts[] {
		if (this.#facts && this.#stages === stages) return this.#facts;
		const facts: DealFacts[] = new Array(this.rows);
		for (let i = 0; i < this.rows; i++) facts[i] = dealFacts(this.deal(i), stages);
		this.#facts = facts;
		this.#stages = stages;
		return facts;
	}

	/**
	 * Which rows a filter keeps, as dealMatcher (dashboard.ts) decides for a live deal: region,
	 * product, segment and owner compared as string-table indexes, team through the reps, the
	 * period on each deal's own month (facts). Returns null when no row can match (e.g. a region
	 * this month never saw), so the caller skips the month.
	 */
	matcher(filters: ExecFilters, reps: ReadonlyMap<string, Rep>, stages: StageIndex): ((i: number) => boolean) | null {
		const { text, strings } = this.columns;
		// A filter names a few values: each is looked up once in the string table (a scan, no
		// index of every string — 36 months × thousands of strings per new filter cost more than
		// the rows themselves). The encoder interns, so a value has one index.
		const checks: Array<(i: number) => boolean> = [];
		const column = (value: string, array: Uint32Array) => {
			const wanted = strings.indexOf(value);
			if (wanted < 0) return false;
			checks.push((i) => array[i] === wanted);
			return true;
		};
		if (set(filters.region) && !column(filters.region, text.region)) return null;
		if (set(filters.product) && !column(filters.product, text.product)) return null;
		if (set(filters.segment) && !column(filters.segment, text.segment)) return null;
		if (set(filters.rep) && !column(filters.rep, text.owner)) return null;
		if (set(filters.team)) {
			const members = new Set<string>();
			for (const [id, rep] of reps) if (rep.team === filters.team) members.add(id);
			const owners = new Set<number>();
			const seen = new Set<string>();
			strings.forEach((s, i) => {
				// The first index of each member, as a lookup by value would find.
				if (members.has(s) && !seen.has(s)) {
					seen.add(s);
					owners.add(i);
				}
			});
			if (owners.size === 0) return null;
			checks.push((i) => owners.has(text.owner[i]!));
		}
		if (set(filters.from) || set(filters.to)) {
			const from = set(filters.from) ? filters.from : '';
			const to = set(filters.to) ? filters.to : '\uffff';
			const facts = this.facts(stages);
			checks.push((i) => {
				const month = facts[i]!.periodMonth;
				return month !== null && month >= from && month <= to;
			});
		}
		if (checks.length === 0) return () => true;
		return (i) => {
			for (const check of checks) if (!check(i)) return false;
			return true;
		};
	}
}
