import type * as Y from 'yjs';
import type { PlanOverview } from '../domain/plan-overview';
import { templateText } from '../domain/plan/template-text';
import { TEMPLATES, TEMPLATE_IDS, instantiateGoals, seasonalityForFiscalYear, type TemplateId } from '../domain/plan/templates';
import { addGoals, newGoalId } from './goals';
import { initPlan } from './overview';
import { planRoots } from './schema';
import { scaffoldSections } from './scaffold';
import { initTargets } from './targets';

/**
 * First content of a new plan: overview, the template's draft goals, seasonality and funnel,
 * and its incentive rules and playbook outline, in the user's language.
 */
export function seedPlan(
	doc: Y.Doc,
	seed: {
		overview: Partial<PlanOverview>;
		template?: string;
		language?: 'en' | 'zh-CN';
		/** Goal ids; seeded content that must come out the same every time (the demo) passes its own. */
		goalId?: (goalKey: string, index: number) => string;
	}
): void {
	const template: TemplateId = (TEMPLATE_IDS as readonly string[]).includes(seed.template ?? '') ? (seed.template as TemplateId) : 'blank';
	const language = seed.language ?? 'en';
	doc.transact(() => {
		initPlan(doc, seed.overview);
		planRoots(doc).meta.set('template', template);
		const goals = instantiateGoals(
			TEMPLATES[template],
			(key) => templateText(language, key),
			seed.goalId ?? (() => newGoalId()),
			seed.overview.currency ?? 'CNY'
		);
		if (goals.length > 0) addGoals(doc, goals);
		initTargets(doc, seasonalityForFiscalYear(TEMPLATES[template], seed.overview.fiscalStartMonth ?? 1), TEMPLATES[template].funnel);
		scaffoldSections(doc, template, language);
	});
}
