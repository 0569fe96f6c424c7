/**
 * The one-page summary of a plan, generated from what the plan says (goals, the target and its
 * split, the top strategies, the key actions, the incentives, the top risks) as plain text the
 * team then edits freely. Pure: the words and number formats of the chosen language come in
 * through `SummaryWords`, so one plan yields the same summary in either language.
 *
 * Kept to one A4 page by construction: each list is capped and long descriptions are shortened.
 */
import type { CommissionTier } from '../incentives';
import { riskScore } from './risk';
import type { ActionTask, Award, Goal, Risk, StrategyInitiative } from './types';

export const SUMMARY_LIMITS = { goals: 5, strategies: 3, actions: 5, risks: 3, units: 6, awards: 3, text: 120 } as const;

export interface SummaryInput {
	title: string;
	fiscalYear: number;
	goals: readonly Goal[];
	target: {
		/** The annual target, or null when none is set. */
		annual: number | null;
		reservePct: number;
		stretchPct: number;
		/** Four fiscal quarters, or null when the decomposition does not stand (e.g. weights off 100%). */
		quarters: readonly number[] | null;
		/** Each region's or team's baseline for the year, in plan order. */
		units: ReadonlyArray<{ name: string; total: number }>;
	};
	initiatives: readonly StrategyInitiative[];
	tasks: readonly ActionTask[];
	incentives: {
		baseRatePct: number | null;
		tiers: readonly CommissionTier[];
		teamMinAttainmentPct: number | null;
		teamBoostPct: number | null;
		firstDealBonus: number | null;
		firstDealWithinDays: number | null;
		awards: readonly Award[];
	};
	risks: readonly Risk[];
}

/** The chosen language's words and formats. `text` takes the keys `summary.gen.*`, `metric.*`, `area.*`, `task.*`, `awardKind.*`. */
export interface SummaryWords {
	text(key: string, params?: Record<string, string | number>): string;
	money(value: number): string;
	pct(value: number): string;
}

const BULLET = '• ';

/** Shortens to `max` characters at a word or sentence edge where there is one, with an ellipsis. */
export function shorten(text: string, max: number = SUMMARY_LIMITS.text): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if ([...flat].length <= max) return flat;
	const cut = [...flat].slice(0, max - 1).join('');
	const edge = Math.max(cut.lastIndexOf(' '), cut.lastIndexOf('。'), cut.lastIndexOf('，'), cut.lastIndexOf(','));
	return (edge > max * 0.6 ? cut.slice(0, edge) : cut).trimEnd() + '…';
}

/** Open actions first by due date (undated last), then plan order: what the team does next. */
export function keyActions(tasks: readonly ActionTask[]): ActionTask[] {
	return tasks
		.map((task, index) => ({ task, index }))
		.filter(({ task }) => task.status !== 'done' && task.title.trim() !== '')
		.sort((a, b) => (a.task.due ?? '9999').localeCompare(b.task.due ?? '9999') || a.index - b.index)
		.slice(0, SUMMARY_LIMITS.actions)
		.map(({ task }) => task);
}

/** Highest likelihood × impact first (ties keep plan order); unrated risks are left out. */
export function topRisks(risks: readonly Risk[]): Risk[] {
	return risks
		.map((risk, index) => ({ risk, index, score: riskScore(risk.likelihood, risk.impact) }))
		.filter((r): r is typeof r & { score: number } => r.score !== null && r.risk.title.trim() !== '')
		.sort((a, b) => b.score - a.score || a.index - b.index)
		.slice(0, SUMMARY_LIMITS.risks)
		.map(({ risk }) => risk);
}

function goalLine(goal: Goal, words: SummaryWords): string | null {
	const metric = goal.metric === 'custom' ? goal.customMetricName.trim() : words.text(`metric.${goal.metric}`);
	if (!metric || goal.target === null) return null;
	const amount = goal.unit === '%' ? words.pct(goal.target) : /^[A-Z]{3}$/.test(goal.unit) ? words.money(goal.target) : `${goal.target} ${goal.unit}`.trim();
	let line = goal.deadline
		? words.text('summary.gen.goalBy', { metric, target: amount, deadline: goal.deadline })
		: words.text('summary.gen.goal', { metric, target: amount });
	if (goal.owner.trim()) line += words.text('summary.gen.owner', { owner: goal.owner.trim() });
	return line;
}

function targetLines(target: SummaryInput['target'], words: SummaryWords): string[] {
	if (target.annual === null) return [words.text('summary.gen.noTarget')];
	const sep = words.text('summary.gen.sep');
	const lines = [
		words.text('summary.gen.annual', { amount: words.money(target.annual), reserve: words.pct(target.reservePct), stretch: words.pct(target.stretchPct) })
	];
	if (target.quarters) lines.push(words.text('summary.gen.quarters', { list: target.quarters.map((q, i) => `Q${i + 1} ${words.money(q)}`).join(sep) }));
	const units = target.units.filter((u) => u.name.trim() !== '');
	if (units.length > 0) {
		const shown = units.slice(0, SUMMARY_LIMITS.units).map((u) => `${u.name.trim()} ${words.money(u.total)}`);
		if (units.length > shown.length) shown.push(words.text('summary.gen.more', { count: units.length - shown.length }));
		lines.push(words.text('summary.gen.units', { list: shown.join(sep) }));
	}
	return lines;
}

function incentiveLine(incentives: SummaryInput['incentives'], words: SummaryWords): string | null {
	const sep = words.text('summary.gen.sep');
	const parts: string[] = [];
	if (incentives.baseRatePct !== null) parts.push(words.text('summary.gen.baseRate', { rate: words.pct(incentives.baseRatePct) }));
	for (const tier of [...incentives.tiers].sort((a, b) => a.fromAttainmentPct - b.fromAttainmentPct))
		parts.push(words.text('summary.gen.tier', { from: words.pct(tier.fromAttainmentPct), rate: words.pct(tier.ratePct) }));
	if (incentives.teamMinAttainmentPct !== null && incentives.teamBoostPct !== null)
		parts.push(words.text('summary.gen.team', { min: words.pct(incentives.teamMinAttainmentPct), boost: words.pct(incentives.teamBoostPct) }));
	if (incentives.firstDealBonus !== null && incentives.firstDealWithinDays !== null)
		parts.push(words.text('summary.gen.firstDeal', { amount: words.money(incentives.firstDealBonus), days: incentives.firstDealWithinDays }));
	const awards = incentives.awards
		.slice(0, SUMMARY_LIMITS.awards)
		.map((a) => (a.amount !== null ? `${words.text(`awardKind.${a.kind}`)} ${words.money(a.amount)}` : words.text(`awardKind.${a.kind}`)));
	if (awards.length > 0) parts.push(words.text('summary.gen.awards', { list: awards.join(sep) }));
	if (parts.length === 0) return null;
	const line = parts.join(sep);
	// The parts are written to run on after one another: the line starts with a capital.
	return line.charAt(0).toUpperCase() + line.slice(1);
}

function section(heading: string, lines: readonly (string | null)[], words: SummaryWords): string {
	const shown = lines.filter((l): l is string => l !== null && l !== '');
	return [heading, ...(shown.length > 0 ? shown.map((l) => BULLET + l) : [BULLET + words.text('summary.gen.none')])].join('\n');
}

/** The summary text: a title line, then one short block per part of the plan, blank lines between. */
export function planSummary(input: SummaryInput, words: SummaryWords): string {
	const title = input.title.trim() || words.text('summary.gen.untitled');
	const blocks = [
		words.text('summary.gen.heading', { title, year: String(input.fiscalYear) }),
		section(
			words.text('summary.gen.goals'),
			input.goals.slice(0, SUMMARY_LIMITS.goals).map((g) => goalLine(g, words)),
			words
		),
		section(words.text('summary.gen.target'), targetLines(input.target, words), words),
		section(
			words.text('summary.gen.strategies'),
			input.initiatives
				.filter((s) => s.title.trim() !== '')
				.slice(0, SUMMARY_LIMITS.strategies)
				.map((s) => {
					const head = `[${words.text(`area.${s.area}`)}] ${s.title.trim()}`;
					return s.description.trim() ? `${head}: ${shorten(s.description)}` : head;
				}),
			words
		),
		section(
			words.text('summary.gen.actions'),
			keyActions(input.tasks).map((task) => {
				const who = task.owner.trim();
				const detail = [who, task.due ? words.text('summary.gen.due', { due: task.due }) : '', words.text(`task.${task.status}`)].filter(Boolean).join(', ');
				return `${shorten(task.title)} (${detail})`;
			}),
			words
		),
		section(words.text('summary.gen.incentives'), [incentiveLine(input.incentives, words)], words),
		section(
			words.text('summary.gen.risks'),
			topRisks(input.risks).map((risk) => {
				const rated = words.text('summary.gen.risk', { title: shorten(risk.title), likelihood: risk.likelihood, impact: risk.impact });
				return risk.mitigation.trim() ? `${rated}: ${shorten(risk.mitigation)}` : rated;
			}),
			words
		)
	];
	return blocks.join('\n\n') + '\n';
}
