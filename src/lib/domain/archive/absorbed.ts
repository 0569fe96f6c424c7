/**
 * Which live Yjs entries an activity archive absorbed (issue 13; docs/architecture.md, "Activities
 * leave the live room"). Activity entries have no ids and add up, so "this entry is archived" can
 * only be said of the Yjs item that holds it: per client id, clock ranges, like a Yjs DeleteSet.
 * An entry pushed in a batch has clock = item.id.clock + its offset in the item. Readers never
 * count a live entry whose clock an archive they hold absorbed, and the server never adds an
 * upload whose ranges it already holds — so an entry counts once between upload and deletion,
 * after a crash between the two and after a retried upload. Pure: no Yjs here, just numbers.
 */

/** Half-open [clock, clock + length) ranges per client, sorted by clock and never touching. */
export type AbsorbedRanges = Map<number, Array<[clock: number, length: number]>>;

/** Sorts and joins overlapping or touching ranges, dropping empty ones (returns a new map). */
export function normalizeAbsorbed(input: Iterable<[number, Iterable<readonly [number, number]>]>): AbsorbedRanges {
	const out: AbsorbedRanges = new Map();
	for (const [client, ranges] of input) {
		const list = [...(out.get(client) ?? []), ...[...ranges].filter(([, length]) => length > 0).map(([c, l]) => [c, l] as [number, number])];
		list.sort((a, b) => a[0] - b[0]);
		const joined: Array<[number, number]> = [];
		for (const [clock, length] of list) {
			const last = joined[joined.length - 1];
			if (last && clock <= last[0] + last[1]) last[1] = Math.max(last[1], clock + length - last[0]);
			else joined.push([clock, length]);
		}
		if (joined.length > 0) out.set(client, joined);
	}
	return new Map([...out].sort(([a], [b]) => a - b));
}

/** The union of several sets (archive versions merged, every month a reader holds). */
export function unionAbsorbed(...sets: readonly AbsorbedRanges[]): AbsorbedRanges {
	return normalizeAbsorbed(sets.flatMap((set) => [...set]));
}

/** Whether (client, clock) lies in `set`: a binary search in the client's ranges. */
export function isAbsorbed(set: AbsorbedRanges, client: number, clock: number): boolean {
	const ranges = set.get(client);
	if (!ranges) return false;
	let lo = 0;
	let hi = ranges.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const [start, length] = ranges[mid]!;
		if (clock < start) hi = mid - 1;
		else if (clock >= start + length) lo = mid + 1;
		else return true;
	}
	return false;
}

/** How `upload` relates to `stored`: none of its clocks in it, all of them, or some. */
export function absorbedOverlap(stored: AbsorbedRanges, upload: AbsorbedRanges): 'none' | 'all' | 'some' {
	let inside = 0;
	let total = 0;
	for (const [client, ranges] of upload) {
		const held = stored.get(client) ?? [];
		for (const [clock, length] of ranges) {
			total += length;
			for (const [start, heldLength] of held) {
				const from = Math.max(clock, start);
				const to = Math.min(clock + length, start + heldLength);
				if (to > from) inside += to - from;
			}
		}
	}
	return inside === 0 ? 'none' : inside === total ? 'all' : 'some';
}

/** The ranges as three equal-length columns, client order then clock order (archive storage). */
export function absorbedColumns(set: AbsorbedRanges): { client: Uint32Array; clock: Float64Array; length: Float64Array } {
	const rows = [...set].flatMap(([client, ranges]) => ranges.map(([clock, length]) => [client, clock, length] as const));
	return {
		client: Uint32Array.from(rows, (r) => r[0]),
		clock: Float64Array.from(rows, (r) => r[1]),
		length: Float64Array.from(rows, (r) => r[2])
	};
}

/** Back from columns; null when a value cannot be a Yjs client id, clock or length (a damaged archive). */
export function absorbedFromColumns(client: Uint32Array, clock: Float64Array, length: Float64Array): AbsorbedRanges | null {
	if (client.length !== clock.length || client.length !== length.length) return null;
	const byClient = new Map<number, Array<[number, number]>>();
	for (let i = 0; i < client.length; i++) {
		const c = clock[i]!;
		const l = length[i]!;
		if (!Number.isSafeInteger(c) || c < 0 || !Number.isSafeInteger(l) || l < 1) return null;
		const list = byClient.get(client[i]!);
		if (list) list.push([c, l]);
		else byClient.set(client[i]!, [[c, l]]);
	}
	return normalizeAbsorbed(byClient);
}

/** Entries (clocks) the set holds: the size a report gives. */
export function absorbedCount(set: AbsorbedRanges): number {
	let n = 0;
	for (const ranges of set.values()) for (const [, length] of ranges) n += length;
	return n;
}
