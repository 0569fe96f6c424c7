import type { Awareness } from 'y-protocols/awareness';
import { EXEC_FILTER_KEYS } from '../domain/exec-filters';

/** What each client announces about itself (awareness state). */
export interface PresenceState {
	user: { name: string; color: string };
	/** Section id the person is looking at. */
	section?: string;
	/** Field id the person is editing, if any. */
	field?: string | null;
	/** While presenting the cockpit: the slide and filters followers mirror. */
	presenting?: Presenting | null;
}

export interface Presenting {
	slide: number;
	/** The cockpit's URL filters (from, to, region, team, rep, product, segment). */
	filters: Record<string, string>;
}

export interface Peer {
	clientId: number;
	name: string;
	color: string;
	section: string | null;
	field: string | null;
	presenting: Presenting | null;
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
			field: typeof s.field === 'string' ? s.field.slice(0, 80) : null,
			presenting: readPresenting(s.presenting)
		});
	}
	return peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

/** A peer's presentation state, checked: a bad slide or filter is dropped, never followed. */
function readPresenting(raw: unknown): Presenting | null {
	if (typeof raw !== 'object' || raw === null) return null;
	const { slide, filters } = raw as { slide?: unknown; filters?: unknown };
	if (typeof slide !== 'number' || !Number.isInteger(slide) || slide < 0 || slide > 100) return null;
	const clean: Record<string, string> = {};
	if (typeof filters === 'object' && filters !== null) {
		for (const key of EXEC_FILTER_KEYS) {
			const value = (filters as Record<string, unknown>)[key];
			if (typeof value === 'string' && value.length <= 200) clean[key] = value;
		}
	}
	return { slide, filters: clean };
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
