/**
 * Stage and owner values of a file → the plan's stages and reps. Standard won/lost names of the
 * common CRMs are recognised (Closed Won, closedwon, 赢单, 成交 …; Closed Lost, closedlost,
 * 输单 …); a plan stage matches by id or name; anything else is a question for the person, or
 * (`unknownStages: 'add'`, the command line's default) a new open stage before won/lost.
 */
import type { PipelineStage, Rep } from '../domain/execution';

const normalize = (text: string) =>
	text
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[\s_\-–—/]+/g, '');
/** Files repeat a few stage and owner names over 100k rows: normalise each distinct text once. */
const keys = new Map<string, string>();
function key(text: string): string {
	let found = keys.get(text);
	if (found === undefined) {
		found = normalize(text);
		if (keys.size < 10_000) keys.set(text, found);
	}
	return found;
}

const WON = new Set(['closedwon', 'won', 'win', '赢单', '成交', '已成交', '赢', '已赢单', '签约', '已签约', '结单', '已结单', '关闭赢单'].map(key));
const LOST = new Set(['closedlost', 'lost', 'lose', '输单', '丢单', '已输单', '已丢单', '失败', '关闭丢单', '关闭输单', '无效'].map(key));

export interface StageResolver {
	/** The plan stage id for a file's stage text, or null when unknown. */
	resolve(text: string): string | null;
}

/** `stageMap`: the person's (or mapping file's) answers, file text → stage id; they win. */
export function stageResolver(stages: readonly PipelineStage[], stageMap: Record<string, string> = {}): StageResolver {
	const byKey = new Map<string, string>();
	for (const stage of stages) {
		byKey.set(key(stage.id), stage.id);
		if (!byKey.has(key(stage.name))) byKey.set(key(stage.name), stage.id);
	}
	const won = stages.find((s) => s.isWon)?.id ?? null;
	const lost = stages.find((s) => s.isLost)?.id ?? null;
	const answers = new Map(Object.entries(stageMap).map(([text, id]) => [key(text), id]));
	return {
		resolve(text) {
			const k = key(text);
			const answered = answers.get(k);
			if (answered !== undefined && stages.some((s) => s.id === answered)) return answered;
			const direct = byKey.get(k);
			if (direct !== undefined) return direct;
			if (WON.has(k)) return won;
			if (LOST.has(k)) return lost;
			return null;
		}
	};
}

/** A stage id for a new stage named `name`, unique among `taken`. */
function stageId(name: string, taken: Set<string>): string {
	const base = key(name).replace(/\|/g, '') || 'stage';
	let id = base;
	for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
	taken.add(id);
	return id;
}

/**
 * The stage list with `names` added as open stages after the last open stage and before
 * won/lost (their order numbers shift), each with the probability of the stage before it.
 */
export function withAddedStages(stages: readonly PipelineStage[], names: readonly string[]): { stages: PipelineStage[]; added: Record<string, string> } {
	const sorted = [...stages].sort((a, b) => a.order - b.order);
	const open = sorted.filter((s) => !s.isWon && !s.isLost);
	const closed = sorted.filter((s) => s.isWon || s.isLost);
	const taken = new Set(stages.map((s) => s.id));
	const added: Record<string, string> = {};
	const lastProbability = open[open.length - 1]?.probability ?? 0.1;
	const fresh = names.map((name) => {
		const id = stageId(name, taken);
		added[name] = id;
		return { id, name, probability: lastProbability, order: 0, isWon: false, isLost: false } satisfies PipelineStage;
	});
	const next = [...open, ...fresh, ...closed].map((s, i) => ({ ...s, order: i + 1 }));
	return { stages: next, added };
}

/** Rep ids by id and by name (case-insensitive): how a file's owner column finds the rep. */
export function ownerResolver(reps: readonly Rep[], ownerMap: Record<string, string> = {}): { resolve(text: string): string | null } {
	const byKey = new Map<string, string>();
	for (const rep of reps) byKey.set(key(rep.id), rep.id);
	for (const rep of reps) if (rep.name && !byKey.has(key(rep.name))) byKey.set(key(rep.name), rep.id);
	const answers = new Map(Object.entries(ownerMap).map(([text, id]) => [key(text), id]));
	return {
		resolve(text) {
			const k = key(text);
			return answers.get(k) ?? byKey.get(k) ?? null;
		}
	};
}
