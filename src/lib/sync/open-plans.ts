/**
 * Which plans are open in other tabs of this browser, and who is in them, over a BroadcastChannel:
 * the home page shows that live, where the plan index only knows who was there the last time.
 * Same-device only by design (no server round trip, works offline); messages are checked, never trusted.
 */

const CHANNEL = 'sales-plan:open-plans';
const MAX_NAMES = 20;

type Message = { type: 'here'; tab: string; planId: string; names: string[] } | { type: 'gone'; tab: string } | { type: 'ask' };

function readMessage(data: unknown): Message | null {
	if (typeof data !== 'object' || data === null) return null;
	const m = data as Record<string, unknown>;
	if (m.type === 'ask') return { type: 'ask' };
	if (typeof m.tab !== 'string') return null;
	if (m.type === 'gone') return { type: 'gone', tab: m.tab };
	if (m.type !== 'here' || typeof m.planId !== 'string' || !Array.isArray(m.names)) return null;
	const names = m.names.filter((n): n is string => typeof n === 'string').slice(0, MAX_NAMES);
	return { type: 'here', tab: m.tab, planId: m.planId, names };
}

function channel(): BroadcastChannel | null {
	return typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
}

/** A plan tab says it is open and who is in it (this person and the peers it sees). */
export function announceOpenPlan(planId: string): { update(names: string[]): void; touch(): void; close(): void } {
	const bc = channel();
	const tab = crypto.randomUUID();
	let names: string[] = [];
	let closed = false;
	const post = () => {
		if (!closed) bc?.postMessage({ type: 'here', tab, planId, names });
	};
	if (bc)
		bc.onmessage = (event: MessageEvent) => {
			if (readMessage(event.data)?.type === 'ask') post();
		};
	return {
		update(next) {
			names = next.slice(0, MAX_NAMES);
			post();
		},
		/** The plan's index entry was just rewritten: the home page reloads it. */
		touch: post,
		close() {
			if (closed) return;
			closed = true;
			bc?.postMessage({ type: 'gone', tab });
			bc?.close();
		}
	};
}

/** The home page's live view: plan id → names of the people in it, across this browser's open tabs (also called when a tab rewrote its plan's index entry). */
export function watchOpenPlans(onChange: (open: Map<string, string[]>) => void): () => void {
	const bc = channel();
	if (!bc) return () => {};
	const tabs = new Map<string, { planId: string; names: string[] }>();
	const emit = () => {
		const open = new Map<string, string[]>();
		for (const { planId, names } of tabs.values()) open.set(planId, [...new Set([...(open.get(planId) ?? []), ...names])]);
		onChange(open);
	};
	bc.onmessage = (event: MessageEvent) => {
		const message = readMessage(event.data);
		if (!message || message.type === 'ask') return;
		if (message.type === 'gone') tabs.delete(message.tab);
		else tabs.set(message.tab, { planId: message.planId, names: message.names });
		emit();
	};
	bc.postMessage({ type: 'ask' });
	return () => bc.close();
}
