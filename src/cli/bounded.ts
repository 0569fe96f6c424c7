/**
 * Runs `run` over `items` with at most `limit` running at once, and returns the results in the
 * items' order. What the command line opens one socket per item for (a plan's deal shards: tens
 * today, thousands at most) must not open them all at once. The first failure is thrown once the
 * runs already started have settled; no new run starts after it.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, run: (item: T, index: number) => Promise<R>): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	let failed = false;
	let failure: unknown;
	const worker = async () => {
		while (next < items.length && !failed) {
			const index = next++;
			try {
				results[index] = await run(items[index]!, index);
			} catch (err) {
				if (!failed) failure = err;
				failed = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
	if (failed) throw failure;
	return results;
}
