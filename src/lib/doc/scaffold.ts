import type * as Y from 'yjs';
import { templateText, type TemplateLanguage } from '../domain/plan/template-text';
import { TEMPLATES, TEMPLATE_IDS, type TemplateId } from '../domain/plan/templates';
import { commissionTiers, kpiWeights, setIncentiveSetting } from './incentives';
import { playbook } from './playbook';
import { planRoots } from './schema';

/** The template a plan was made from (blank when unknown). */
export function planTemplate(doc: Y.Doc): TemplateId {
	const stored = planRoots(doc).meta.get('template');
	return (TEMPLATE_IDS as readonly unknown[]).includes(stored) ? (stored as TemplateId) : 'blank';
}

/**
 * Writes the template's starting incentive rules and playbook outline into a plan that has
 * none (new plans, and version-1 plans being migrated). Records get ids derived from the
 * template, so two peers doing this offline add the same records, and the reader shows one
 * of each (readRecords keeps the first of equal ids).
 */
export function scaffoldSections(doc: Y.Doc, template: TemplateId, language: TemplateLanguage): void {
	const { incentives, playbook: entries } = TEMPLATES[template];
	const label = (key: Parameters<typeof templateText>[1]) => templateText(language, key);
	const roots = planRoots(doc);
	doc.transact(() => {
		if (roots.kpiWeights.length === 0) {
			const role = label('tpl.role.rep');
			for (const { kpi, weightPct } of incentives.repKpiWeights) {
				kpiWeights.add(doc, { id: `kw-${template}-${kpi}`, role, kpi: label(`tpl.kpi.${kpi}` as Parameters<typeof label>[0]), weightPct });
			}
		}
		if (roots.commissionTiers.length === 0) {
			incentives.tiers.forEach((tier, i) => commissionTiers.add(doc, { id: `ct-${template}-${i + 1}`, ...tier }));
		}
		if (roots.incentives.size === 0) {
			setIncentiveSetting(doc, 'baseRatePct', incentives.baseRatePct);
			setIncentiveSetting(doc, 'teamMinAttainmentPct', incentives.teamMultiplier?.minTeamAttainmentPct ?? null);
			setIncentiveSetting(doc, 'teamBoostPct', incentives.teamMultiplier?.boostPct ?? null);
		}
		if (roots.playbook.length === 0) {
			for (const { kind, titleKey } of entries) playbook.add(doc, { id: `pb-${template}-${kind}`, kind, title: label(titleKey) });
		}
	});
}
