import type { Rep } from '$lib/domain/execution';
import { COMPANY_NODE } from '$lib/domain/org';
import { t } from '$lib/i18n/i18n.svelte';

/** A roll-up node as people read it: the company, "Team East A", "Region North" or the rep's name. */
export function nodeLabel(nodeId: string, reps: readonly Rep[]): string {
	if (nodeId === COMPANY_NODE) return t('exec.company');
	if (nodeId.startsWith('team:')) return `${t('exec.team')} ${nodeId.slice(5)}`;
	if (nodeId.startsWith('region:')) return `${t('exec.region')} ${nodeId.slice(7)}`;
	return reps.find((r) => r.id === nodeId)?.name ?? nodeId;
}
