import type { RollupRow } from '../../domain/forecast-rollup';
import type { ExportTable } from '../table';
import { columns } from './columns';
import type { ExportLocale } from './labels';

/**
 * The forecast roll-up as the cockpit shows it: per org node, the submitted totals (rolled up
 * from below) beside the adjusted ones (after the node's manager overrides), so finance sees
 * which adjustments were made. `nodeName` turns node ids into rep/team/region names.
 */
export function forecastRollupTable(rows: readonly RollupRow[], nodeName: (id: string) => string, locale: ExportLocale, currency?: string): ExportTable {
	const specs = [
		['node', 'text'],
		['parent', 'text'],
		['closedWon', 'money'],
		['commitSubmitted', 'money'],
		['commit', 'money'],
		['bestCaseSubmitted', 'money'],
		['bestCase', 'money'],
		['pipelineSubmitted', 'money'],
		['pipeline', 'money'],
		['commitForecast', 'money'],
		['bestCaseForecast', 'money']
	] as const;
	return {
		columns: columns(locale, specs, currency),
		rows: rows.map((r) => ({
			node: nodeName(r.nodeId),
			parent: r.parent === null ? '' : nodeName(r.parent),
			closedWon: r.adjusted['closed-won'],
			commitSubmitted: r.submitted.commit,
			commit: r.adjusted.commit,
			bestCaseSubmitted: r.submitted['best-case'],
			bestCase: r.adjusted['best-case'],
			pipelineSubmitted: r.submitted.pipeline,
			pipeline: r.adjusted.pipeline,
			commitForecast: r.commitForecast,
			bestCaseForecast: r.bestCaseForecast
		}))
	};
}
