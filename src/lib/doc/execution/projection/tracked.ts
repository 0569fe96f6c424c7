/**
 * The tracked metrics' roots (metricDefs, metricValues in schema.ts): read whole, on demand,
 * after either changed. They hold a few metrics × months × reps, small beside the deals.
 */
import { readMetricDefs, readMetricValues, type MetricCell, type MetricDef, type MetricReadIssue } from '../../../domain/tracked-metrics';
import type { ProjectionContext } from './context';

export interface TrackedData {
	defs: MetricDef[];
	cells: MetricCell[];
	/** What a peer stored that could not be read (a bad definition or value). */
	issues: MetricReadIssue[];
}

export class TrackedProjection {
	#data: TrackedData | null = null;

	constructor(private readonly ctx: ProjectionContext) {}

	changed(): void {
		this.#data = null;
	}

	data(): TrackedData {
		if (this.#data) return this.#data;
		const { metricDefs, metricValues } = this.ctx.roots;
		const defs = readMetricDefs(metricDefs.entries());
		const values = readMetricValues(metricValues.entries(), defs.defs);
		return (this.#data = { defs: defs.defs, cells: values.cells, issues: [...defs.issues, ...values.issues] });
	}
}
