import { t } from '$lib/i18n/i18n.svelte';
import type { MessageKey } from '$lib/i18n/messages';
import { describeArchiveFailure, type ArchiveFailure } from '$lib/sync/archive-failure';

/**
 * An archive failure in the person's language (never the server's English message), with the HTTP
 * status beside it when the server answered one. For the import wizard, ArchiveStatus and deletes.
 */
export function archiveFailureText(failure: ArchiveFailure | null): string {
	const text = t(`archiveFailure.${failure?.kind ?? 'unknown'}` as MessageKey);
	return failure?.status != null ? t('archiveFailure.withStatus', { text, status: failure.status }) : text;
}

/** The same, for an error thrown by an archive request. */
export const archiveErrorText = (err: unknown): string => archiveFailureText(describeArchiveFailure(err));
