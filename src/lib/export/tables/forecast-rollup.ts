import type { RollupRow } from '../../domain/forecast-rollup';
import type { ColumnType, ExportTable } from '../table';
import { columns } from './columns';
import type { ExportLocale } from './labels';

/**
 * The forecast roll-up as the cockpit shows it: per org node, the submitted totals (rolled up
 * from below) beside the adjusted ones (after the node's manager overrides), so finance sees
 * which adjustments were made. `nodeName` turns node ids into rep/team/region names; `note` gives
 * the manager's reason for a node's commit adjustment (the column is left out without it).
 */
export function forecastRollupTable(
	rows: readonly RollupRow[],
	nodeName: (id: string) => string,
	locale: ExportLocale,
	currency?: string,
	note?: (id: string) => string
): ExportTable {
	const specs: Array<readonly [string, ColumnType]> = [
		['node', 'text'],
		['parent', 'text'],
		['closedWon', 'money'],
		['commitSubmitted', 'money'],
		['commit', 'money'],
		...(note ? [['adjustmentNote', 'text'] as const] : []),
		['bestCaseSubmitted', 'money'],
		['bestCase', 'money'],
		['pipelineSubmitted', 'money'],
		['pipeline', 'money'],
		['commitForecast', 'money'],
		['bestCaseForecast', 'money']
	];
	return {
		columns: columns(locale, specs, currency),
		rows: rows.map((r) => ({
			node: nodeName(r.nodeId),
			parent: r.parent === null ? '' : nodeName(r.parent),
			closedWon: r.adjusted['closed-won'],
			commitSubmitted: r.submitted.commit,
			commit: r.adjusted.commit,
			...(note ? { adjustmentNote: note(r.nodeId) } : {}),
			bestCaseSubmitted: r.submitted['best-case'],
			bestCase: r.adjusted['best-case'],
			pipelineSubmitted: r.submitted.pipeline,
			pipeline: r.adjusted.pipeline,
			commitForecast: r.commitForecast,
			bestCaseForecast: r.bestCaseForecast
		}))
	};
}
