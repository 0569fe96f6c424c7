/**
 * An append-only log root (dealHistory, forecastCalls in schema.ts): entries are removed only by
 * an undo. Read whole, on demand, after it changed: the views read it once per change, and it is
 * small beside the deals. `dealHistory` is read from every deal document (deal-docs.ts).
 */
export class HistoryProjection {
	#raw: readonly unknown[] | null = null;

	constructor(private readonly readRaw: () => readonly unknown[]) {}

	changed(): void {
		this.#raw = null;
	}

	entries(): readonly unknown[] {
		return (this.#raw ??= this.readRaw());
	}
}
