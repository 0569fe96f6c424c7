import type { ColumnType, ExportColumn } from '../table';
import { columnLabel, type ExportLocale } from './labels';

/** Builds the column list of a table from `[key, type]` pairs in the given language. */
export function columns(locale: ExportLocale, specs: ReadonlyArray<readonly [key: string, type: ColumnType]>, currency?: string): ExportColumn[] {
	return specs.map(([key, type]) => ({ key, label: columnLabel(key, locale), type, ...(type === 'money' && currency ? { currency } : {}) }));
}
