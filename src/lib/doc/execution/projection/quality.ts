/** The data-quality section: every sub-projection's issues, capped, with what each excluded. */
import type { DashboardMetrics } from '../../../domain/dashboard';
import type { QualityIssue } from '../../../domain/exec-read';
import { groupMissing, type FxMissing } from '../../../domain/fx';
import type { ProjectionParts } from './parts';

export function qualitySection(parts: ProjectionParts, maxIssues: number): DashboardMetrics['dataQuality'] {
	const issues: QualityIssue[] = [...parts.stages.issues, ...parts.reps.issues];
	let excludedDeals = 0;
	let total = issues.length;
	const push = (found: QualityIssue) => {
		total++;
		if (issues.length < maxIssues) issues.push(found);
	};
	const missing: FxMissing[] = [];
	const notConverted = { deals: 0, actuals: parts.actuals.unconverted.size, dealAmounts: {} as Record<string, number>, revenue: {} as Record<string, number> };
	for (const row of parts.deals.rows.values()) {
		if (!row.facts) excludedDeals++;
		for (const found of row.issues) push(found);
		if (row.missing && row.deal) {
			notConverted.deals++;
			const { currency } = row.missing;
			notConverted.dealAmounts[currency] = (notConverted.dealAmounts[currency] ?? 0) + row.deal.amount;
			missing.push(row.missing);
		}
	}
	// Archived deals report like live ones (they were valid when archived, but today's rules — a
	// plan period, a missing rate — can still exclude them); the copy a live deal replaces does not.
	const { deals } = parts;
	for (const read of deals.archived.all()) {
		if (read.issues.size === 0 && read.missing.size === 0 && read.facts.every((f, row) => f || read.owns[row] !== 1)) continue;
		for (let row = 0; row < read.month.rows; row++) {
			if (read.owns[row] !== 1 || deals.isLive(read.month.id(row))) continue;
			if (!read.facts[row]) excludedDeals++;
			for (const found of read.issues.get(row) ?? []) push(found);
			const unconverted = read.missing.get(row);
			if (unconverted) {
				notConverted.deals++;
				const { currency } = unconverted.missing;
				notConverted.dealAmounts[currency] = (notConverted.dealAmounts[currency] ?? 0) + unconverted.amount;
				missing.push(unconverted.missing);
			}
		}
	}
	for (const cell of parts.actuals.unconverted.values()) {
		notConverted.revenue[cell.currency] = (notConverted.revenue[cell.currency] ?? 0) + cell.revenue;
		missing.push(cell);
	}
	for (const { issue, count } of parts.activities.issues.values()) for (let i = 0; i < count; i++) push(issue);
	for (const list of parts.actuals.issues.values()) for (const found of list) push(found);
	for (const list of parts.adjustments.issues.values()) for (const found of list) push(found);
	return {
		issues: issues.slice(0, maxIssues),
		totalIssues: total,
		excluded: {
			deals: excludedDeals,
			activities: parts.activities.excluded,
			actuals: countErrors(parts.actuals.issues),
			adjustments: parts.adjustments.issues.size
		},
		notConverted: { ...notConverted, missing: groupMissing(missing) }
	};
}

function countErrors(issues: ReadonlyMap<string, QualityIssue[]>): number {
	let count = 0;
	for (const list of issues.values()) if (list.some((i) => i.severity === 'error')) count++;
	return count;
}
