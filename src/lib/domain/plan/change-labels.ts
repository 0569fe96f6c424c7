/**
 * What a target change means to a person: `reservePct: 12 → 13` becomes "Elastic reserve: 12% →
 * 13%", `rep:r-li.weightPct` becomes "Li Na's share". The UI translates `key` with `params` and
 * formats the values by `kind`; internal paths and ids never reach the screen.
 */
import type { TargetChange, TargetsSnapshot } from './baseline';

/**
 * The `by` of target changes the app's own migration made (doc/team.ts linkExecutionTeam: people
 * from the execution document's old rep list joining the plan's team with weight 0), not a person.
 * The UI says "from the execution team list". A person who literally named themselves this would
 * read the same; names are free text, and this one is not a name anybody types.
 */
export const TEAM_LIST_EDITOR = '@execution-team-list';

export type ChangeValueKind = 'money' | 'pct' | 'text' | 'bool' | 'month' | 'number';

export interface ChangeLabel {
	/** Message key: `revision.<what>`. */
	key: string;
	params: Record<string, string | number>;
	kind: ChangeValueKind;
}

const TOP: Record<string, ChangeValueKind> = {
	annualTarget: 'money',
	reservePct: 'pct',
	stretchPct: 'pct',
	currency: 'text',
	fiscalYear: 'number',
	fiscalStartMonth: 'month'
};
const UNIT_KIND: Record<string, ChangeValueKind> = { name: 'text', kind: 'text', weightPct: 'pct' };
const REP_KIND: Record<string, ChangeValueKind> = {
	name: 'text',
	weightPct: 'pct',
	newHire: 'bool',
	hireDate: 'text',
	stretchPct: 'pct',
	commitment: 'money',
	unit: 'text'
};

/**
 * Names for unit and rep ids, from the snapshots on both sides of a change (a removed rep is named
 * from before, an added one from after).
 */
export function changeNames(...snapshots: readonly (TargetsSnapshot | null | undefined)[]): Map<string, string> {
	const names = new Map<string, string>();
	for (const s of snapshots) {
		for (const unit of s?.units ?? []) {
			names.set(`unit:${unit.id}`, unit.name);
			for (const rep of unit.reps) names.set(`rep:${rep.id}`, rep.name);
		}
	}
	return names;
}

/**
 * The label of one change. Example: `{ path: 'rep:r-li.weightPct' }` with r-li named "Li Na" →
 * `{ key: 'revision.rep.weightPct', params: { name: 'Li Na' }, kind: 'pct' }`; an unknown path →
 * `revision.other` with the path (a newer app's change, shown rather than hidden).
 */
export function describeTargetChange(change: TargetChange, names: ReadonlyMap<string, string>): ChangeLabel {
	const { path } = change;
	if (path in TOP) return { key: `revision.${path}`, params: {}, kind: TOP[path] as ChangeValueKind };
	// The new-hire ramp ("25/50/75/100") and one rep-month quota set by hand (quotas.ts).
	if (path === 'rampPct') return { key: 'revision.rampPct', params: {}, kind: 'text' };
	const quota = /^quota:(.+)\|(\d{1,2})$/.exec(path);
	if (quota) {
		const [, repId = '', fiscalMonth = '0'] = quota;
		return { key: 'revision.quota', params: { name: names.get(`rep:${repId}`) ?? repId, month: Number(fiscalMonth) }, kind: 'money' };
	}
	const month = /^seasonality\.(\d{1,2})$/.exec(path);
	if (month) return { key: 'revision.seasonality', params: { month: Number(month[1]) }, kind: 'pct' };
	const record = /^(unit|rep):([^.]+)(?:\.(\w+))?$/.exec(path);
	if (record) {
		const [, type, id, field] = record as unknown as [string, 'unit' | 'rep', string, string | undefined];
		const name = names.get(`${type}:${id}`) ?? (typeof change.from === 'string' ? change.from : typeof change.to === 'string' ? change.to : id);
		if (field === undefined) return { key: change.to === null ? `revision.${type}Removed` : `revision.${type}Added`, params: { name }, kind: 'text' };
		const kinds = type === 'unit' ? UNIT_KIND : REP_KIND;
		if (field in kinds) return { key: `revision.${type}.${field}`, params: { name }, kind: kinds[field] as ChangeValueKind };
	}
	return { key: 'revision.other', params: { path }, kind: 'text' };
}
