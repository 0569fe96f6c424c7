/** Forecast adjustments (a map keyed by node|category), each key re-read alone when it changes. */
import { readAdjustment, type QualityIssue, type StoredAdjustment } from '../../../domain/exec-read';
import type { ProjectionContext } from './context';

export class AdjustmentsProjection {
	readonly byKey = new Map<string, StoredAdjustment>();
	readonly issues = new Map<string, QualityIssue[]>();

	constructor(private readonly ctx: ProjectionContext) {}

	readKey(key: string): void {
		this.byKey.delete(key);
		this.issues.delete(key);
		const raw = this.ctx.roots.adjustments.get(key);
		if (raw !== undefined) {
			const read = readAdjustment(key, raw, this.ctx.rules.maxValue);
			if (read.adjustment) this.byKey.set(key, read.adjustment);
			if (read.issues.length > 0) this.issues.set(key, read.issues);
		}
		this.ctx.versions.quality++;
		this.ctx.versions.org++;
	}

	readAll(): void {
		this.byKey.clear();
		this.issues.clear();
		this.ctx.roots.adjustments.forEach((_, key) => this.readKey(key));
	}

	/** Sorted by node then category: the roll-up's and the dashboard's order. */
	sorted(): StoredAdjustment[] {
		return [...this.byKey.values()].sort((a, b) => (a.nodeId + a.category < b.nodeId + b.category ? -1 : 1));
	}
}
