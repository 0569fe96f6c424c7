/**
 * Reads a review snapshot as a peer stored it: the whole snapshot or null, never a throw.
 * All-or-nothing like the baseline: half a frozen record would be a record nobody saw.
 */
import type { WeekMonthShare } from './review-week';
import { isReviewPeriod, type ReviewMetrics, type ReviewRow, type ReviewSnapshot, type ReviewStage } from './review';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const numOrNull = (v: unknown): v is number | null => v === null || num(v);

function numberRecord(raw: unknown): Record<string, number> | null {
	if (!isObject(raw)) return null;
	const out: Record<string, number> = {};
	for (const [key, value] of Object.entries(raw)) {
		if (!num(value)) return null;
		out[key] = value;
	}
	return out;
}

function rows(raw: unknown): ReviewRow[] | null {
	if (!Array.isArray(raw)) return null;
	const out: ReviewRow[] = [];
	for (const r of raw) {
		if (!isObject(r) || typeof r.key !== 'string' || typeof r.name !== 'string' || !num(r.actual) || !num(r.target) || !numOrNull(r.attainmentPct)) return null;
		out.push({ key: r.key, name: r.name, actual: r.actual, target: r.target, attainmentPct: r.attainmentPct });
	}
	return out;
}

function stages(raw: unknown): ReviewStage[] | null {
	if (!Array.isArray(raw)) return null;
	const out: ReviewStage[] = [];
	for (const s of raw) {
		if (!isObject(s) || typeof s.stageId !== 'string' || typeof s.name !== 'string' || !num(s.reached) || !numOrNull(s.conversionPct)) return null;
		out.push({ stageId: s.stageId, name: s.name, reached: s.reached, conversionPct: s.conversionPct });
	}
	return out;
}

function metrics(raw: unknown): ReviewMetrics | null {
	if (!isObject(raw)) return null;
	const { actual, target, forecast, attainmentPct, dealCount, won, lost, winRatePct, averageDealSize, openPipeline, pipelineCoverage, activityTotal } = raw;
	if (![actual, target, forecast, dealCount, won, lost, openPipeline, activityTotal].every(num)) return null;
	if (![attainmentPct, winRatePct, averageDealSize, pipelineCoverage].every(numOrNull)) return null;
	const funnel = stages(raw.funnel);
	const activities = numberRecord(raw.activities);
	const byRep = rows(raw.byRep);
	const byRegion = rows(raw.byRegion);
	if (!funnel || !activities || !byRep || !byRegion) return null;
	return {
		actual: actual as number,
		target: target as number,
		forecast: forecast as number,
		attainmentPct: attainmentPct as number | null,
		dealCount: dealCount as number,
		won: won as number,
		lost: lost as number,
		winRatePct: winRatePct as number | null,
		averageDealSize: averageDealSize as number | null,
		openPipeline: openPipeline as number,
		pipelineCoverage: pipelineCoverage as number | null,
		funnel,
		activities,
		activityTotal: activityTotal as number,
		byRep,
		byRegion
	};
}

function weekShares(raw: unknown): WeekMonthShare[] | null {
	if (!Array.isArray(raw)) return null;
	const out: WeekMonthShare[] = [];
	for (const s of raw) {
		if (!isObject(s) || typeof s.month !== 'string' || ![s.days, s.daysInMonth, s.monthTarget, s.target].every(num)) return null;
		out.push({
			month: s.month,
			days: s.days as number,
			daysInMonth: s.daysInMonth as number,
			monthTarget: s.monthTarget as number,
			target: s.target as number
		});
	}
	return out;
}

export function readReviewSnapshot(raw: unknown): ReviewSnapshot | null {
	try {
		if (!isObject(raw) || !isReviewPeriod(raw.period) || (raw.basis !== 'baseline' && raw.basis !== 'current')) return null;
		const targetsByMonth = numberRecord(raw.targetsByMonth);
		const actualByMonth = numberRecord(raw.actualByMonth);
		const rates = isObject(raw.planRates) && numOrNull(raw.planRates.averageDealSize) ? { averageDealSize: raw.planRates.averageDealSize } : null;
		const read = metrics(raw.metrics);
		if (!targetsByMonth || !actualByMonth || !rates || !read) return null;
		const snapshot: ReviewSnapshot = {
			period: { from: raw.period.from, to: raw.period.to },
			basis: raw.basis,
			targetsByMonth,
			actualByMonth,
			planRates: rates,
			metrics: read
		};
		// Optional: reviews frozen before the reserve was told apart have none.
		if (raw.distributedByMonth !== undefined) {
			const distributedByMonth = numberRecord(raw.distributedByMonth);
			if (!distributedByMonth) return null;
			snapshot.distributedByMonth = distributedByMonth;
		}
		if (raw.week !== undefined) {
			const week = weekShares(raw.week);
			if (!week) return null;
			snapshot.week = week;
		}
		return snapshot;
	} catch {
		// A hostile getter in peer data: unreadable, shown as such by the caller.
		return null;
	}
}
