/** Filters (and inputs) kept per dashboard section; a dashboard switches between a few. */
const MAX_ENTRIES = 8;

/** Per section, the last few results by input key. Results are frozen, not copied per call. */
export class SectionCache {
	private readonly sections = new Map<string, Map<string, unknown>>();

	get<T>(section: string, key: string, compute: () => T): T {
		let entries = this.sections.get(section);
		if (!entries) this.sections.set(section, (entries = new Map()));
		if (entries.has(key)) return entries.get(key) as T;
		// Frozen, not copied per call: several components may hold the same section.
		const value = deepFreeze(compute());
		entries.set(key, value);
		while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
		return value;
	}

	clear(): void {
		this.sections.clear();
	}
}

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const inner of Object.values(value)) deepFreeze(inner);
	}
	return value;
}
