/**
 * Exports: table builders (pure, from domain outputs to an ExportTable) and the CSV writer.
 * The XLSX writer lives in `xlsx.ts` and is imported lazily (`await import('$lib/export/xlsx')`)
 * so the app shell does not carry it.
 */
export { toCsv, escapeFormula } from './csv';
export { exportFileName, type ExportFormat } from './file-name';
export { headerRow, type Cell, type ColumnType, type ExportColumn, type ExportTable, type HeaderStyle } from './table';
export { columnLabel, type ExportLocale } from './tables/labels';
export { dealsTable, DEAL_KEYS, type ExportableDeal } from './tables/deals';
export { activitiesTable } from './tables/activities';
export { actualsTable } from './tables/actuals';
export { forecastRollupTable } from './tables/forecast-rollup';
export { targetsTable } from './tables/targets';
export { reviewVarianceTable } from './tables/review-variance';
export { payoutStatementTable, payoutsTable } from './tables/payouts';
