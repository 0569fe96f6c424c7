import { PRESENCE_COLORS } from './presence';

/** The local user's display name and colour, kept in localStorage (no accounts). */
export interface Identity {
	name: string;
	color: string;
}

const KEY = 'sales-plan:identity';

export function loadIdentity(): Identity {
	try {
		const parsed = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Identity> | null;
		if (parsed && typeof parsed.name === 'string' && typeof parsed.color === 'string') {
			return { name: parsed.name, color: parsed.color };
		}
	} catch {
		// Unreadable: make a new identity below.
	}
	const color = PRESENCE_COLORS[Math.floor(Math.random() * PRESENCE_COLORS.length)]!;
	const identity = { name: '', color };
	saveIdentity(identity);
	return identity;
}

export function saveIdentity(identity: Identity): void {
	try {
		localStorage.setItem(KEY, JSON.stringify(identity));
	} catch {
		// Storage full or blocked: the name then lasts for this page only.
	}
}
