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
	demo = false
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
		seed: { title, fiscalYear, template, language, ...(demo ? { demo } : {}) }
	});
	return id;
}
