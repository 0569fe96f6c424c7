import type * as Y from 'yjs';
import { readBaseline } from './baseline';
import { readOverview } from './overview';
import { planTemplate } from './scaffold';

/** What the home page lists about a plan, read from its doc (PlanSession copies it into the plan index). */
export interface PlanSummary {
	title: string;
	/** '' when the plan has none (plans made before the create dialog asked for one). */
	owner: string;
	fiscalYear: number;
	template: string;
	/** Approved once a baseline is frozen: the targets are then what the plan is measured against. */
	status: 'draft' | 'approved';
}

/** Reads the summary; an invalid stored value reads as its default, like everywhere else. */
export function readPlanSummary(doc: Y.Doc): PlanSummary {
	const { values } = readOverview(doc);
	return {
		title: values.title,
		owner: values.owner.trim(),
		fiscalYear: values.fiscalYear,
		template: planTemplate(doc),
		status: readBaseline(doc).baseline ? 'approved' : 'draft'
	};
}
