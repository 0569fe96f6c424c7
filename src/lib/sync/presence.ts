import type { Awareness } from 'y-protocols/awareness';

/** What each client announces about itself (awareness state). */
export interface PresenceState {
	user: { name: string; color: string };
	/** Section id the person is looking at. */
	section?: string;
	/** Field id the person is editing, if any. */
	field?: string | null;
}

export interface Peer {
	clientId: number;
	name: string;
	color: string;
	section: string | null;
	field: string | null;
}

export const PRESENCE_COLORS = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#dc2626', '#4d7c0f'];

const COLOR = /^#[0-9a-fA-F]{6}$/;

/** Other people in the plan; a peer's malformed state is skipped, never trusted. */
export function peersOf(awareness: Awareness): Peer[] {
	const peers: Peer[] = [];
	for (const [clientId, state] of awareness.getStates()) {
		if (clientId === awareness.clientID) continue;
		const s = state as Partial<PresenceState> | null;
		const user = s?.user;
		if (!user || typeof user.name !== 'string' || typeof user.color !== 'string') continue;
		peers.push({
			clientId,
			name: user.name.slice(0, 40) || '?',
			color: COLOR.test(user.color) ? user.color : '#64748b',
			section: typeof s.section === 'string' ? s.section.slice(0, 40) : null,
			field: typeof s.field === 'string' ? s.field.slice(0, 80) : null
		});
	}
	return peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

export function initials(name: string): string {
	const trimmed = name.trim();
	if (!trimmed) return '?';
	// CJK names: the last character is the given name's first, which is how people are greeted.
	if (/[\u3400-\u9fff]/.test(trimmed)) return trimmed.slice(-2);
	return trimmed
		.split(/\s+/)
		.slice(0, 2)
		.map((w) => w[0]!.toUpperCase())
		.join('');
}
