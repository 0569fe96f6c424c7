/** Months of archive columns (activities, actuals, deals) in period order, as the projection takes them. */
export function byPeriod(a: { period: string }, b: { period: string }): number {
	return a.period < b.period ? -1 : a.period > b.period ? 1 : 0;
}

/**
 * The months a page holds once newer versions of some arrived (written by this person, or fetched):
 * each fresh month replaces the held month of its period, the rest stay, in period order.
 */
export function withFreshMonths<C extends { period: string }>(held: readonly C[], fresh: readonly C[]): C[] {
	const replaced = new Set(fresh.map((month) => month.period));
	return [...held.filter((month) => !replaced.has(month.period)), ...fresh].sort(byPeriod);
}
