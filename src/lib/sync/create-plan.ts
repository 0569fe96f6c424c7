import { base64url, newPlanId } from '../protocol/plan-id';
import type { TemplateId } from '../domain/plan/templates';
import { putPlan } from './plan-index';

/**
 * Creates a plan on this device only: no network needed. The id and the registration
 * key are made here; the plan page registers it with the server once online.
 */
export async function createLocalPlan(
	title: string,
	fiscalYear: number,
	template: TemplateId = 'blank',
	language: 'en' | 'zh-CN' = 'en',
	demo = false,
	/** The create dialog's other fields (who answers for the plan, when its year starts), written into the doc when it is seeded. */
	details: { owner?: string; fiscalStartMonth?: number } = {}
): Promise<string> {
	const id = newPlanId();
	const now = new Date().toISOString();
	await putPlan({
		id,
		title,
		role: 'edit',
		createdAt: now,
		updatedAt: now,
		registrationKey: base64url(crypto.getRandomValues(new Uint8Array(24))),
		// Known before the first open, so the home page lists them at once.
		template,
		fiscalYear,
		status: 'draft',
		...(details.owner ? { owner: details.owner } : {}),
		seed: {
			title,
			fiscalYear,
			template,
			language,
			...(demo ? { demo } : {}),
			...(details.owner ? { owner: details.owner } : {}),
			...(details.fiscalStartMonth ? { fiscalStartMonth: details.fiscalStartMonth } : {})
		}
	});
	return id;
}
