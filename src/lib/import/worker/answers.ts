/**
 * The person's answers to an import's questions → the planImport settings that carry them.
 * Pure, so the mapping from answers to `stageMap`/`unknownStages`/`ownerMap`/`addOwners` is
 * unit tested; the wizard keeps the answers and re-plans with these settings.
 */
import type { ImportQuestion } from '../plan-import';
import type { DateOrder } from '../values';
import type { PlanSettings } from './protocol';

/** The answer "add it" (a new open stage, a new rep) instead of a stage or rep id. */
export const ADD = '+add';

export interface ImportAnswers {
	dateOrder: DateOrder | '';
	/** File stage text → stage id or ADD. */
	stages: Record<string, string>;
	/** File owner text → rep id or ADD. */
	owners: Record<string, string>;
}

export const noAnswers = (): ImportAnswers => ({ dateOrder: '', stages: {}, owners: {} });

/** Every question asked so far for this file and mapping (answered ones stay, to be changed). */
export function mergeQuestions(asked: readonly ImportQuestion[], fresh: readonly ImportQuestion[]): ImportQuestion[] {
	const merged = asked.map((q) => ({ ...q })) as ImportQuestion[];
	for (const q of fresh) {
		const same = merged.find((m) => m.kind === q.kind && (q.kind !== 'dateOrder' || (m as typeof q).column === q.column));
		if (!same) merged.push(q);
		else if (same.kind !== 'dateOrder' && q.kind !== 'dateOrder') same.values = [...new Set([...same.values, ...q.values])];
	}
	return merged;
}

export function planSettings(base: Pick<PlanSettings, 'asOf' | 'currency' | 'fx' | 'liveWindowStart'>, answers: ImportAnswers): PlanSettings {
	const settings: PlanSettings = { ...base };
	if (answers.dateOrder) settings.dateOrder = answers.dateOrder;
	const split = (group: Record<string, string>) => {
		const map: Record<string, string> = {};
		let add = false;
		for (const [value, answer] of Object.entries(group)) {
			if (answer === ADD) add = true;
			else if (answer) map[value] = answer;
		}
		return { map, add };
	};
	const stages = split(answers.stages);
	if (Object.keys(stages.map).length > 0) settings.stageMap = stages.map;
	if (stages.add) settings.unknownStages = 'add';
	const owners = split(answers.owners);
	if (Object.keys(owners.map).length > 0) settings.ownerMap = owners.map;
	if (owners.add) settings.addOwners = true;
	return settings;
}

/** Answers for newly asked stage and owner values default to "add", which the person can change. */
export function withDefaults(answers: ImportAnswers, questions: readonly ImportQuestion[]): ImportAnswers {
	const next: ImportAnswers = { dateOrder: answers.dateOrder, stages: { ...answers.stages }, owners: { ...answers.owners } };
	for (const q of questions) {
		if (q.kind === 'dateOrder') continue;
		const group = q.kind === 'stage' ? next.stages : next.owners;
		for (const value of q.values) group[value] ??= ADD;
	}
	return next;
}
