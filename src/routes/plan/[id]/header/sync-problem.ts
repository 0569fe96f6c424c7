import type { MessageKey } from '$lib/i18n/messages';
import type { ProviderState } from '$lib/sync/sync-provider';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * What to tell the user when the server will not store their edits: a close that reconnecting
 * cannot fix (expired access, the plan size cap), else a refusal that is retried with growing
 * pauses (edits kept on this device, not yet with colleagues). Null when neither applies.
 */
export function syncProblemMessage(state: Pick<ProviderState, 'fatal' | 'refused'>, t: Translate): string | null {
	const { fatal, refused } = state;
	if (fatal) {
		if (fatal.code === 4401 || fatal.code === 4413 || fatal.code === 4507) return t(`plan.fatal.${fatal.code}`);
		return t('plan.fatal.other', { reason: fatal.reason || String(fatal.code) });
	}
	if (refused) {
		if (refused.code === 1009) return t('plan.refused.1009');
		return t('plan.refused.other', { reason: refused.reason || String(refused.code) });
	}
	return null;
}
