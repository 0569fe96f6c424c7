/** Activities (a Y.Array of JSON batches), kept only as counts by (month, rep, type). */
import type { ActivityCounts } from '../../../domain/activities';
import { addActivityCount } from '../../../domain/dashboard';
import { periodOf } from '../../../domain/dates';
import { readActivities, type QualityIssue } from '../../../domain/exec-read';
import type { ProjectionContext } from './context';

export class ActivitiesProjection {
	readonly cells = new Map<string, Map<string, ActivityCounts>>();
	/** Equal issues counted once each, so a deleted batch takes its own issues back out. */
	readonly issues = new Map<string, { issue: QualityIssue; count: number }>();
	excluded = 0;

	constructor(private readonly ctx: ProjectionContext) {}

	/** Adds (sign 1) or takes out (sign -1) the entries of inserted or deleted items. */
	count(items: readonly unknown[], sign: 1 | -1): void {
		const read = readActivities(items, this.ctx.rules);
		for (const a of read.valid) {
			addActivityCount(this.cells, periodOf(a.date) ?? a.date.slice(0, 7), a.rep, a.type, sign * a.count);
		}
		for (const found of read.issues) {
			const key = JSON.stringify(found);
			const entry = this.issues.get(key) ?? { issue: found, count: 0 };
			entry.count += sign;
			if (entry.count > 0) this.issues.set(key, entry);
			else this.issues.delete(key);
		}
		this.excluded += sign * (items.length - read.valid.length);
		if (read.issues.length > 0) this.ctx.versions.quality++;
		this.ctx.versions.activities++;
	}

	readAll(): void {
		this.cells.clear();
		this.issues.clear();
		this.excluded = 0;
		this.count(this.ctx.roots.activities.toArray(), 1);
	}
}
