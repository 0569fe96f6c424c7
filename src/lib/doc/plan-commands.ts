import type * as Y from 'yjs';
import type { CustomerTier } from '../domain/plan/types';
import { approvePlan, creditedPendingChanges, recordRevision } from './baseline';
import { budgetLines } from './budget';
import { personas, segments } from './customers';
import { addGoal, removeGoal, setGoalField } from './goals';
import { awards, commissionTiers, fixKpiWeights, kpiWeights, setIncentiveSetting } from './incentives';
import { leadSources } from './lead-sources';
import { competitors, setMarketFact } from './market';
import { clearFxRates, confirmFxReporting, copyFxMonth, removeFxCurrency, setFxRate, setFxRates } from './fx-rates';
import { setOverviewField } from './overview';
import { playbook } from './playbook';
import { clearRepQuotas, setRamp, setRepMonthQuota, setRepQuarterQuota, setSeasonQuarter } from './quotas';
import { bindRecordList, type RecordList } from './record-list';
import { addFiveWhys, addImprovementAction, addWhy, chainText, createReview, removeFiveWhys, reviewActions, reviewText, whyText } from './reviews';
import { addRisk, removeRisk, setRiskField } from './risks';
import { planRoots, swotText, tierText, type SwotQuadrant, type TierText } from './schema';
import { sharedTexts } from './shared-text';
import { initiatives } from './strategy';
import { fixSeasonality, setAnnualTarget, setFunnelRate, setSeasonWeight, setTargetPct } from './targets';
import { addTask, removeTask, setTaskField } from './tasks';
import { addTeamMember } from './team';
import { addRep, addUnit, fixRepWeights, fixUnitWeights, removeRep, removeUnit, setRepField, setUnitCurrency, setUnitField, setUnitOrg } from './units';

/** What the page needs to know of the schema without holding it: the version this app writes, the SWOT quadrants. */
export { SCHEMA_VERSION, SWOT_QUADRANTS } from './schema';

/**
 * Every plan section's commands bound to one plan document: what the editor components are
 * given, so none of them holds the Y.Doc, names a root or touches a Y type. Each verb is the
 * section module's own (validation and merge rules live there); collaborative texts come as
 * shared-text handles whose edits run with `origin`, the origin this person's undo tracks.
 * Plain commands keep running with no origin, as before (undo tracks both).
 */
export function planCommands(doc: Y.Doc, origin: object) {
	const text = sharedTexts(origin);
	/** `fn` with the document argument filled in (generic setters keep their field typing). */
	const on =
		<A extends unknown[], R>(fn: (doc: Y.Doc, ...args: A) => R) =>
		(...args: A): R =>
			fn(doc, ...args);
	const list = <T extends { id: string }>(records: RecordList<T>) => bindRecordList(records, doc, text);
	const roots = planRoots(doc);

	return {
		overview: {
			set: on(setOverviewField),
			/** Approves the plan and freezes its baseline (`approvePlan`). */
			approve: (by: string, at: string) => approvePlan(doc, by, at)
		},
		summary: text(roots.summary)!,
		/** The exchange-rate table (`fx-rates.ts`); every verb takes the plan's reporting currency. */
		fx: {
			set: on(setFxRate),
			setMany: on(setFxRates),
			copyMonth: on(copyFxMonth),
			removeCurrency: on(removeFxCurrency),
			confirmReporting: on(confirmFxReporting),
			clear: () => clearFxRates(doc)
		},
		baseline: {
			pendingChanges: () => creditedPendingChanges(doc),
			recordRevision: on(recordRevision)
		},
		goals: { add: on(addGoal), set: on(setGoalField), remove: on(removeGoal) },
		targets: {
			setAnnualTarget: on(setAnnualTarget),
			setPct: on(setTargetPct),
			setFunnelRate: on(setFunnelRate),
			setSeasonWeight: on(setSeasonWeight),
			fixSeasonality: () => fixSeasonality(doc),
			setSeasonQuarter: on(setSeasonQuarter),
			quotas: {
				setRamp: on(setRamp),
				setRepMonth: on(setRepMonthQuota),
				setRepQuarter: on(setRepQuarterQuota),
				clearRep: on(clearRepQuotas)
			},
			units: {
				addUnit: on(addUnit),
				addRep: on(addRep),
				setUnitField: on(setUnitField),
				setUnitOrg: on(setUnitOrg),
				setUnitCurrency: on(setUnitCurrency),
				setRepField: on(setRepField),
				removeUnit: on(removeUnit),
				removeRep: on(removeRep),
				fixUnitWeights: () => fixUnitWeights(doc),
				fixRepWeights: on(fixRepWeights)
			}
		},
		/** The one team list (doc/team.ts): people added from Execution's Setup or an import. */
		team: { add: on(addTeamMember) },
		strategy: {
			valueProposition: text(roots.valueProposition)!,
			initiatives: list(initiatives),
			leadSources: list(leadSources)
		},
		market: {
			setFact: on(setMarketFact),
			analysis: text(roots.marketAnalysis)!,
			swot: (quadrant: SwotQuadrant) => text(swotText(doc, quadrant))!,
			competitors: list(competitors)
		},
		customers: {
			tier: (tier: CustomerTier, part: TierText) => text(tierText(doc, tier, part))!,
			personas: list(personas),
			segments: list(segments)
		},
		budget: { lines: list(budgetLines), resources: text(roots.resources)! },
		incentives: {
			set: on(setIncentiveSetting),
			fixKpiWeights: on(fixKpiWeights),
			kpiWeights: list(kpiWeights),
			commissionTiers: list(commissionTiers),
			awards: list(awards)
		},
		playbook: list(playbook),
		tasks: { add: on(addTask), set: on(setTaskField), remove: on(removeTask) },
		risks: { add: on(addRisk), set: on(setRiskField), remove: on(removeRisk) },
		reviews: {
			create: on(createReview),
			/** The review's "what went right" / "what to improve" text (null once it is gone). */
			text: (reviewId: string, field: Parameters<typeof reviewText>[2]) => text(reviewText(doc, reviewId, field)),
			addFiveWhys: on(addFiveWhys),
			removeFiveWhys: on(removeFiveWhys),
			addWhy: on(addWhy),
			whyText: (reviewId: string, chainId: string, index: number) => text(whyText(doc, reviewId, chainId, index)),
			chainText: (reviewId: string, chainId: string, field: Parameters<typeof chainText>[3]) => text(chainText(doc, reviewId, chainId, field)),
			addImprovementAction: on(addImprovementAction),
			actions: on(reviewActions)
		}
	};
}

export type PlanCommands = ReturnType<typeof planCommands>;
