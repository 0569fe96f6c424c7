/**
 * The deal field history (dealHistory in schema.ts): appended with each tracked edit, entries
 * removed only by an undo. Read whole, on demand, after it changed: "what changed" reads it once
 * per view, and it is small beside the deals.
 */
import type { ProjectionContext } from './context';

export class HistoryProjection {
	#raw: readonly unknown[] | null = null;

	constructor(private readonly ctx: ProjectionContext) {}

	changed(): void {
		this.#raw = null;
	}

	entries(): readonly unknown[] {
		return (this.#raw ??= this.ctx.roots.dealHistory.toArray());
	}
}
