import { EXEC_FILTER_KEYS, type ExecFilters } from '$lib/domain/dashboard';

/** The cockpit's filters live in the URL, so a filtered view can be shared and reloaded. */
export function filtersFromUrl(params: URLSearchParams): ExecFilters {
	const filters: ExecFilters = {};
	for (const key of EXEC_FILTER_KEYS) {
		const value = params.get(key)?.trim();
		// A month filter that is not 'YYYY-MM' would silently match nothing: ignore it instead.
		if (!value || ((key === 'from' || key === 'to') && !/^\d{4}-(0[1-9]|1[0-2])$/.test(value))) continue;
		filters[key] = value.slice(0, 200);
	}
	return filters;
}

export function filtersToUrl(url: URL, filters: ExecFilters): URL {
	const next = new URL(url);
	for (const key of EXEC_FILTER_KEYS) {
		const value = filters[key];
		if (value) next.searchParams.set(key, value);
		else next.searchParams.delete(key);
	}
	return next;
}
