/**
 * The dashboard's filters, on their own (no imports): the sync layer reads a presenter's shared
 * filters with these keys without pulling the metrics code into the first page load.
 */

/** Dashboard filters; an absent or empty value means "all". Periods are 'YYYY-MM', inclusive. */
export interface ExecFilters {
	from?: string;
	to?: string;
	region?: string;
	team?: string;
	rep?: string;
	product?: string;
	segment?: string;
}

/** Every filter, in a fixed order (cache keys, the cockpit's URL, a presenter's shared state). */
export const EXEC_FILTER_KEYS = ['from', 'to', 'region', 'team', 'rep', 'product', 'segment'] as const satisfies readonly (keyof ExecFilters)[];
