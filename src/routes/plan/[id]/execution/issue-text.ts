import type { CommandIssue } from '$lib/doc/execution/commands';
import { issueText, t } from '$lib/i18n/i18n.svelte';
import type { MessageKey } from '$lib/i18n/messages';

/** "Amount: Must be at least 0." — a command's refusal as one inline message. */
export function commandIssueText(found: CommandIssue | null): string | null {
	if (!found) return null;
	const label = t(`exec.field.${found.field}` as MessageKey);
	const name = label.startsWith('exec.field.') ? found.field : label;
	return `${name}: ${issueText(found.issue)}`;
}
