import { toUnits } from './step-units';

/** A row to rank: an id (rep, team) and its score, null when it has none. */
export interface Scored {
	id: string;
	value: number | null;
}

export interface Ranked extends Scored {
	/** 1-based competition rank (ties share a rank: 1, 1, 3); null when there is no score. */
	rank: number | null;
}

/**
 * Leaderboard (龙虎榜): rows sorted best first with competition ranking.
 *
 * Formula: values are compared as whole multiples of `step` (default 0.01: a cent, or a
 * hundredth of a percentage point); sort by that (descending, or ascending for lower-is-better),
 * ties by id; rank = 1 + number of rows strictly better. Rows without a finite value go last,
 * unranked.
 * Why rounded: sums of money carry binary noise (100.10 + 200.20 is 300.29999999999995), and two
 * reps who both show 300.30 must share the rank, not be split by a difference nobody can see.
 *
 * Example: `leaderboard([{ id: 'b', value: 90 }, { id: 'a', value: 120 }, { id: 'c', value: 90 }])`
 * → a #1, b #2, c #2.
 */
export function leaderboard(rows: readonly Scored[], order: 'desc' | 'asc' = 'desc', step = 0.01): Ranked[] {
	const finite = (r: Scored): r is Scored & { value: number } => r.value !== null && Number.isFinite(r.value);
	const scored = rows.filter(finite).map((row) => ({ row, key: toUnits(row.value, step) }));
	const unscored = rows.filter((r) => !finite(r));
	const sign = order === 'desc' ? -1 : 1;
	const byId = (a: Scored, b: Scored) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
	scored.sort((a, b) => sign * (a.key - b.key) || byId(a.row, b.row));
	unscored.sort(byId);
	const ranked: Ranked[] = [];
	scored.forEach(({ row, key }, i) => {
		const previous = ranked[i - 1];
		const rank = previous && scored[i - 1]?.key === key ? previous.rank : i + 1;
		ranked.push({ id: row.id, value: row.value, rank });
	});
	return [...ranked, ...unscored.map((row) => ({ id: row.id, value: null, rank: null }))];
}
