import type { FiveWhys } from '../../domain/review';
import type { VarianceLine } from '../../domain/review-variance';
import type { ExportTable } from '../table';
import { columns } from './columns';
import type { ExportLocale } from './labels';

/**
 * A review's variance table with the five-whys chain of each row beside it (the first chain
 * written for the row; rows without one leave those cells empty). Percentages are fractions.
 * `metricName` turns a metric key ('revenue') into the words the screen shows; the key otherwise.
 */
export function reviewVarianceTable(
	lines: readonly VarianceLine[],
	chains: readonly FiveWhys[],
	locale: ExportLocale,
	currency?: string,
	metricName: (metric: VarianceLine['metric']) => string = (metric) => metric
): ExportTable {
	const byKey = new Map<string, FiveWhys>();
	for (const chain of chains) if (!byKey.has(chain.deviationKey)) byKey.set(chain.deviationKey, chain);
	const specs = [
		['metric', 'text'],
		['label', 'text'],
		['plan', 'money'],
		['actual', 'money'],
		['forecast', 'money'],
		['abs', 'money'],
		['pct', 'percent'],
		['flagged', 'text'],
		['why1', 'text'],
		['why2', 'text'],
		['why3', 'text'],
		['why4', 'text'],
		['why5', 'text'],
		['rootCause', 'text'],
		['countermeasure', 'text']
	] as const;
	const yes = locale === 'zh-CN' ? '是' : 'yes';
	return {
		columns: columns(locale, specs, currency),
		rows: lines.map((line) => {
			const chain = byKey.get(line.key);
			return {
				metric: metricName(line.metric),
				label: line.label,
				plan: line.plan,
				actual: line.actual,
				forecast: line.forecast,
				abs: line.abs,
				pct: line.pct === null ? null : line.pct / 100,
				flagged: line.flagged ? yes : '',
				...Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`why${i + 1}`, chain?.whys[i] ?? ''])),
				rootCause: chain?.rootCause ?? '',
				countermeasure: chain?.countermeasure ?? ''
			};
		})
	};
}
