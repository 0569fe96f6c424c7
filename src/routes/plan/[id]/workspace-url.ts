import type { ExecFilters } from '$lib/domain/dashboard';
import { filtersToUrl } from '$lib/domain/exec-filters-url';

/** The plan editor, the execution data, the cockpit and the reviews: the plan page's four areas. */
export const AREAS = ['plan', 'execution', 'cockpit', 'reviews'] as const;
export type Area = (typeof AREAS)[number];

/** The area named in the address (`?area=cockpit`); the plan editor when none or an unknown one is. */
export function areaFromUrl(params: URLSearchParams): Area {
	const named = params.get('area');
	return (AREAS as readonly (string | null)[]).includes(named) ? (named as Area) : 'plan';
}

/**
 * The address (path and query) that keeps `area` and, for Execution and the cockpit, their shared
 * filters (one period selection), so a view can be reloaded or shared. Other query parameters stay.
 */
export function workspaceUrl(current: URL, area: Area, filters: ExecFilters): string {
	const url = filtersToUrl(current, area === 'cockpit' || area === 'execution' ? filters : {});
	if (area === 'plan') url.searchParams.delete('area');
	else url.searchParams.set('area', area);
	return url.pathname + url.search;
}
