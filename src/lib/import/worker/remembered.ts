/**
 * The column mapping a person chose for a plan and kind, kept on this device (localStorage,
 * keyed by plan id and kind) and offered again next time through suggestMapping's `remembered`.
 * A blocked or full storage only loses the memory, never the import.
 */
import type { ImportKind, RememberedMapping } from '../headers';

const key = (planId: string, kind: ImportKind) => `sales-plan:import-mapping:${planId}:${kind}`;

export function loadRemembered(storage: Pick<Storage, 'getItem'> | undefined, planId: string, kind: ImportKind): RememberedMapping {
	try {
		const parsed: unknown = JSON.parse(storage?.getItem(key(planId, kind)) ?? '{}');
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
		return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
	} catch {
		return {};
	}
}

export function saveRemembered(storage: Pick<Storage, 'setItem'> | undefined, planId: string, kind: ImportKind, mapping: RememberedMapping): void {
	try {
		storage?.setItem(key(planId, kind), JSON.stringify(mapping));
	} catch {
		// Private mode or a full quota: the next import suggests from the headers alone.
	}
}
