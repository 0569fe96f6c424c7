import type { MessageKey } from '$lib/i18n/messages';
import { EXEC_SHARD } from '$lib/domain/deal-shards';
import type { DocConnection } from '$lib/sync/execution-session.svelte';
import type { ConnectionStatus, ProviderState } from '$lib/sync/sync-provider';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * What to tell the user when the server will not store their edits: a close that reconnecting
 * cannot fix (expired access, the plan size cap), else a refusal that is retried with growing
 * pauses (edits kept on this device, not yet with colleagues), else a room with no place for this
 * device (retried too). Null when none applies.
 */
export function syncProblemMessage(state: Pick<ProviderState, 'fatal' | 'refused'> & Partial<Pick<ProviderState, 'full'>>, t: Translate): string | null {
	const { fatal, refused, full } = state;
	if (fatal) {
		if (fatal.code === 4401 || fatal.code === 4413 || fatal.code === 4507) return t(`plan.fatal.${fatal.code}`);
		return t('plan.fatal.other', { reason: fatal.reason || String(fatal.code) });
	}
	if (refused) {
		if (refused.code === 1009) return t('plan.refused.1009');
		return t('plan.refused.other', { reason: refused.reason || String(refused.code) });
	}
	if (full) return t('syncRooms.full');
	return null;
}

/** Worst first: the badge shows the least settled of a plan's documents. */
const STATUS_RANK: Record<ConnectionStatus, number> = { offline: 0, connecting: 1, syncing: 2, synced: 3 };

export type HeaderSync = { status: ConnectionStatus; unsent: number; problem: string | null };

/**
 * What the header shows about every document of the plan, not only the plan's own: the least
 * settled connection (so it never says "synced" while the execution room or a deal shard still
 * holds unconfirmed edits), all unconfirmed edits, and the first refusal, the plan's before the
 * execution data's, which names the room (`docs` is ExecutionSession.connections: the execution
 * document, then the shards in order; empty while execution is not open).
 */
export function headerSync(
	plan: Pick<ProviderState, 'status' | 'unsent' | 'fatal' | 'refused'> & Partial<Pick<ProviderState, 'full'>>,
	docs: readonly DocConnection[],
	t: Translate
): HeaderSync {
	let status = plan.status;
	let unsent = plan.unsent;
	for (const doc of docs) {
		if (STATUS_RANK[doc.status] < STATUS_RANK[status]) status = doc.status;
		unsent += doc.unsent;
	}
	let problem = syncProblemMessage(plan, t);
	for (const doc of docs) {
		const message = problem === null ? syncProblemMessage(doc, t) : null;
		if (message === null) continue;
		// A shard is named as the import wizard names it: the deals' part n (the execution document is part 1).
		const where = doc.shard === EXEC_SHARD ? t('syncRooms.execution') : t('syncRooms.shard', { n: Number(doc.shard) + 1, total: docs.length });
		problem = t('syncRooms.problem', { where, message });
	}
	return { status, unsent, problem };
}
