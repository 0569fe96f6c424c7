/**
 * The daily data a weekly review needs, read from the execution doc: the deals of the months the
 * week touches (from the projection, which already has them typed) and the activity entries
 * dated in the week. The projection keeps activities as monthly sums only, so the week's entries
 * are read from the log itself; the date is compared as text first so only the week's entries
 * are validated (creating a review is a one-off click, not a per-edit cost).
 */
import type * as Y from 'yjs';
import type { Activity } from '../../domain/execution';
import { weekDays, weekReviewInput, type WeekInput, type WeekReviewInput } from '../../domain/review-week';
import type { ExecProjection } from './projection';
import { activityFields } from '../../domain/activity-entry';
import { readActivities, type ExecRules } from '../../domain/exec-read';
import { execRoots } from './schema';

/** Valid activity entries dated from `from` to `to` inclusive ('YYYY-MM-DD'). */
export function activitiesBetween(doc: Y.Doc, from: string, to: string, rules: ExecRules = {}): Activity[] {
	const raws = execRoots(doc)
		.activities.toArray()
		.filter((raw) => {
			const date = activityFields(raw)?.date;
			if (typeof date !== 'string') return false;
			const day = date.slice(0, 10);
			return day >= from && day <= to;
		});
	return readActivities(raws, rules).valid;
}

/** The week's review figures from daily data (`weekReviewInput`). */
export function weekReviewFromDoc(
	doc: Y.Doc,
	projection: Pick<ExecProjection, 'dealsBehind' | 'stages'>,
	from: string,
	to: string,
	targets: WeekInput['targets'],
	rules: ExecRules = {}
): WeekReviewInput {
	const deals = weekDays(from, to).flatMap(({ month }) => projection.dealsBehind({ month, limit: Number.POSITIVE_INFINITY }));
	return weekReviewInput({ from, to, deals, activities: activitiesBetween(doc, from, to, rules), stages: projection.stages(), targets });
}
