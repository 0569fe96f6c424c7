/** Remembers how many local edits the server has not confirmed, across reloads. */
const key = (planId: string) => `sales-plan:unsent:${planId}`;

export function loadUnsent(planId: string): number {
	try {
		const n = Number(localStorage.getItem(key(planId)) ?? 0);
		return Number.isSafeInteger(n) && n > 0 ? n : 0;
	} catch {
		return 0;
	}
}

export function saveUnsent(planId: string, count: number): void {
	try {
		if (count > 0) localStorage.setItem(key(planId), String(count));
		else localStorage.removeItem(key(planId));
	} catch {
		// Storage blocked: the count is then only known for this page.
	}
}
