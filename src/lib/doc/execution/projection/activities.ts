/**
 * Activities (a Y.Array of JSON batches, plus archived months of day cells), kept only as counts
 * by (month, rep, type). Archived and live entries add up, exactly as live entries do: an
 * archive holds what left the live room, and a late entry for an archived month stays live.
 * A live entry an archive held here absorbed (its Yjs id is in the archive's ranges; the archiver
 * deletes it right after the upload) is not counted: the archive counts it, so it counts once
 * between upload and deletion and after a crash in between.
 */
import type { ActivityCounts } from '../../../domain/activities';
import { isAbsorbed, unionAbsorbed, type AbsorbedRanges } from '../../../domain/archive/absorbed';
import type { ActivityColumns } from '../../../domain/archive/activity-archive';
import { addActivityCount } from '../../../domain/dashboard';
import { MS_PER_DAY, periodBounds, periodOf } from '../../../domain/dates';
import { ACTIVITY_TYPES } from '../../../domain/execution';
import { readActivities, type QualityIssue } from '../../../domain/exec-read';
import { forEachActivityItem } from '../activity-items';
import type { ProjectionContext } from './context';

/** Live entries of one Yjs item: entry i has clock `clock + i`. */
export interface ActivityItem {
	client: number;
	clock: number;
	entries: readonly unknown[];
}

export class ActivitiesProjection {
	readonly cells = new Map<string, Map<string, ActivityCounts>>();
	/** Equal issues counted once each, so a deleted batch takes its own issues back out. */
	readonly issues = new Map<string, { issue: QualityIssue; count: number }>();
	excluded = 0;
	private archived: readonly ActivityColumns[] = [];
	/** Every held month's absorbed ranges, joined. */
	private absorbed: AbsorbedRanges = new Map();

	constructor(private readonly ctx: ProjectionContext) {}

	/**
	 * Replaces the archived months counted with the live entries. When the absorbed entries change,
	 * the live entries are counted again (a new version arrives rarely; the live part is small).
	 */
	setArchives(months: readonly ActivityColumns[]): void {
		const absorbed = unionAbsorbed(...months.map((m) => m.absorbed));
		if (absorbed.size === 0 && this.absorbed.size === 0) {
			this.countArchives(this.archived, -1);
			this.archived = months;
			this.countArchives(months, 1);
		} else {
			this.archived = months;
			this.absorbed = absorbed;
			this.readAll();
		}
		this.ctx.versions.activities++;
	}

	/** Adds or takes out inserted or deleted Yjs items, leaving out entries a held archive absorbed. */
	countItems(items: readonly ActivityItem[], sign: 1 | -1): void {
		for (const item of items) this.count(this.unabsorbed(item.client, item.clock, item.entries), sign);
	}

	private unabsorbed(client: number, clock: number, entries: readonly unknown[]): readonly unknown[] {
		if (!this.absorbed.has(client)) return entries;
		return entries.filter((_, i) => !isAbsorbed(this.absorbed, client, clock + i));
	}

	/**
	 * Archived cells count when the plan's period holds their date, as a live entry would. Those
	 * outside are history by design, not a typo, so unlike a live entry they raise no issue.
	 */
	private countArchives(months: readonly ActivityColumns[], sign: 1 | -1): void {
		const period = this.ctx.rules.period;
		const start = period ? Date.parse(period.start) : -Infinity;
		const end = period ? Date.parse(period.end) : Infinity;
		const types = ACTIVITY_TYPES.length;
		for (const month of months) {
			const bounds = periodBounds(month.period);
			if (!bounds || bounds.end <= start || bounds.start >= end) continue;
			// A month's cells summed per (rep, type) on its columns first: 1.4M archived cells become
			// one count per rep and type a month (counts are whole numbers, so the sums are exact).
			const whole = bounds.start >= start && bounds.end <= end;
			const sums = new Float64Array(month.strings.length * types);
			for (let i = 0; i < month.rows; i++) {
				if (!whole) {
					const at = bounds.start + (month.day[i]! - 1) * MS_PER_DAY;
					if (at < start || at >= end) continue;
				}
				sums[month.rep[i]! * types + month.type[i]!]! += month.count[i]!;
			}
			for (let k = 0; k < sums.length; k++) {
				if (sums[k] !== 0) addActivityCount(this.cells, month.period, month.strings[Math.floor(k / types)]!, ACTIVITY_TYPES[k % types]!, sign * sums[k]!);
			}
		}
	}

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
		const live: unknown[] = [];
		forEachActivityItem(this.ctx.roots.activities, (client, clock, entries) => {
			for (const entry of this.unabsorbed(client, clock, entries)) live.push(entry);
		});
		this.count(live, 1);
		this.countArchives(this.archived, 1);
	}
}
