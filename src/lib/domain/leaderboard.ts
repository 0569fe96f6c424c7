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
 * Formula: sort by value (descending, or ascending for lower-is-better), ties by id; rank =
 * 1 + number of rows strictly better. Rows without a finite value go last, unranked.
 *
 * Example: `leaderboard([{ id: 'b', value: 90 }, { id: 'a', value: 120 }, { id: 'c', value: 90 }])`
 * → a #1, b #2, c #2.
 */
export function leaderboard(rows: readonly Scored[], order: 'desc' | 'asc' = 'desc'): Ranked[] {
	const scored = rows.filter((r) => r.value !== null && Number.isFinite(r.value));
	const unscored = rows.filter((r) => r.value === null || !Number.isFinite(r.value));
	const sign = order === 'desc' ? -1 : 1;
	const byId = (a: Scored, b: Scored) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
	scored.sort((a, b) => sign * ((a.value ?? 0) - (b.value ?? 0)) || byId(a, b));
	unscored.sort(byId);
	const ranked: Ranked[] = [];
	scored.forEach((row, i) => {
		const previous = ranked[i - 1];
		const rank = previous && previous.value === row.value ? previous.rank : i + 1;
		ranked.push({ id: row.id, value: row.value, rank });
	});
	return [...ranked, ...unscored.map((row) => ({ id: row.id, value: null, rank: null }))];
}
