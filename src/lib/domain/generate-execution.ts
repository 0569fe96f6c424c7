import { MS_PER_DAY } from './dates';
import { indexStages } from './deal-outcome';
import type { Activity, ActivityType, Actual, Deal, ForecastCategory, PipelineStage, Rep, StageChange } from './execution';
import { mulberry32, randomTools } from './random';

/**
 * Seeded, deterministic execution data that looks like a sales team's: reps across regions and
 * teams, deals walking the configured stages (with dwell times, a few skipped stages, losses),
 * daily activity reports, and monthly actuals with seasonality (a Q4 peak) and growth.
 * The same options always give the same data. Used by the demo plan and the benchmark.
 */
export interface GenerateOptions {
	seed: number;
	/** First month, 'YYYY-MM'. */
	startMonth: string;
	months: number;
	reps: number;
	regions: readonly string[];
	teamsPerRegion: number;
	deals: number;
	/** Activity entries (each a count of one type by one rep on one day). */
	activities: number;
	products?: readonly string[];
	segments?: readonly string[];
	currency?: string;
	stages: readonly PipelineStage[];
}

export interface GeneratedExecution {
	reps: Rep[];
	deals: Deal[];
	activities: Activity[];
	actuals: Actual[];
	/** The end of the generated period [start, end) — "now" for the open deals. */
	period: { start: string; end: string };
}

const DEFAULT_PRODUCTS = ['Core', 'Pro', 'Analytics', 'Services', 'Support'];
const DEFAULT_SEGMENTS = ['SMB', 'Mid-market', 'Enterprise'];
const LOST_REASONS = ['price', 'competitor', 'no budget', 'no decision', 'timing'];
const ACTIVITY_WEIGHTS: Array<[ActivityType, number]> = [
	['call', 0.35],
	['visit', 0.25],
	['lead', 0.2],
	['demo', 0.12],
	['proposal', 0.08]
];
const SURNAMES = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo'];
const GIVEN = ['Wei', 'Fang', 'Min', 'Jing', 'Lei', 'Yan', 'Jun', 'Hui', 'Tao', 'Ping', 'Ying', 'Qiang', 'Na', 'Hong'];

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function generateExecution(options: GenerateOptions): GeneratedExecution {
	const r = randomTools(mulberry32(options.seed));
	const products = options.products ?? DEFAULT_PRODUCTS;
	const segments = options.segments ?? DEFAULT_SEGMENTS;
	const [year, month] = options.startMonth.split('-').map(Number) as [number, number];
	const start = Date.UTC(year, month - 1, 1);
	const end = Date.UTC(year, month - 1 + options.months, 1);
	const days = Math.round((end - start) / MS_PER_DAY);

	const reps: Rep[] = [];
	for (let i = 0; i < options.reps; i++) {
		const region = options.regions[i % options.regions.length] ?? 'HQ';
		const team = `${region}-${1 + (Math.floor(i / options.regions.length) % options.teamsPerRegion)}`;
		const hired = start - r.int(30, 1500) * MS_PER_DAY + (r.chance(0.15) ? r.int(0, days) * MS_PER_DAY : 0);
		reps.push({ id: `rep-${String(i + 1).padStart(3, '0')}`, name: `${r.pick(SURNAMES)} ${r.pick(GIVEN)}`, team, region, hireDate: iso(hired) });
	}
	const skill = reps.map(() => Math.exp(r.normal() * 0.25));

	const index = indexStages(options.stages);
	const path = index.funnel.filter((s) => !s.isWon);
	const won = options.stages.find((s) => s.isWon);
	const lost = options.stages.find((s) => s.isLost);
	const deals: Deal[] = [];
	for (let i = 0; i < options.deals; i++) {
		const owner = r.int(0, reps.length - 1);
		const rep = reps[owner] as Rep;
		const segment = r.pick(segments);
		const size = segment === 'Enterprise' ? 200_000 : segment === 'Mid-market' ? 50_000 : 12_000;
		const amount = Math.max(500, Math.round(size * Math.exp(r.normal() * 0.6)));
		// Creation leans towards the start so that most deals have had time to move.
		const created = start + Math.floor(Math.pow(r.next(), 1.3) * days) * MS_PER_DAY;
		const history: StageChange[] = [];
		let at = created;
		let outcome: 'open' | 'won' | 'lost' = 'open';
		for (let k = 0; k < path.length; k++) {
			const stage = path[k] as PipelineStage;
			if (k > 0 && r.chance(0.05) && k < path.length - 1) continue; // a skipped stage
			history.push({ stage: stage.id, at: iso(at) });
			const next = at + Math.max(1, Math.round(r.exponential(12 + 6 * k))) * MS_PER_DAY;
			if (next >= end) break;
			const advance = 0.55 + 0.1 * k + 0.05 * (skill[owner] ?? 1);
			if (!r.chance(Math.min(0.9, advance))) {
				if (r.chance(0.6)) {
					outcome = 'lost';
					at = next;
				}
				break;
			}
			at = next;
			if (k === path.length - 1) outcome = 'won';
		}
		if (outcome === 'won' && won) history.push({ stage: won.id, at: iso(at) });
		if (outcome === 'lost' && lost) history.push({ stage: lost.id, at: iso(at) });
		const last = history[history.length - 1] as StageChange;
		const stage = options.stages.find((s) => s.id === last.stage) as PipelineStage;
		const category: ForecastCategory =
			outcome === 'won'
				? 'closed-won'
				: outcome === 'lost'
					? 'closed-lost'
					: stage.probability >= 0.6
						? 'commit'
						: stage.probability >= 0.4
							? 'best-case'
							: r.chance(0.05)
								? 'omitted'
								: 'pipeline';
		const expected = outcome === 'open' ? Math.max(end, at) + r.int(5, 120) * MS_PER_DAY : at;
		deals.push({
			id: `deal-${String(i + 1).padStart(6, '0')}`,
			name: '',
			externalId: '',
			customer: `Customer ${1 + r.int(0, Math.max(10, Math.floor(options.deals / 3)))}`,
			segment,
			region: rep.region,
			owner: rep.id,
			product: r.pick(products),
			amount,
			currency: options.currency ?? 'CNY',
			stage: stage.id,
			stageHistory: history,
			probability: stage.probability,
			forecastCategory: category,
			expectedClose: iso(expected),
			lostReason: outcome === 'lost' ? r.pick(LOST_REASONS) : null,
			createdAt: iso(created)
		});
	}

	const activities: Activity[] = [];
	for (let i = 0; i < options.activities; i++) {
		let roll = r.next();
		let type: ActivityType = 'call';
		for (const [t, w] of ACTIVITY_WEIGHTS) {
			if (roll < w) {
				type = t;
				break;
			}
			roll -= w;
		}
		const rep = r.pick(reps);
		activities.push({ date: iso(start + r.int(0, days - 1) * MS_PER_DAY), rep: rep.id, type, count: r.int(1, 8) });
	}

	const actuals: Actual[] = [];
	for (let m = 0; m < options.months; m++) {
		const date = new Date(Date.UTC(year, month - 1 + m, 1));
		const period = date.toISOString().slice(0, 7);
		const season = 1 + 0.25 * Math.sin(((date.getUTCMonth() - 6) / 12) * 2 * Math.PI) + (date.getUTCMonth() === 11 ? 0.2 : 0);
		const trend = Math.pow(1.01, m);
		reps.forEach((rep, i) => {
			products.forEach((product, p) => {
				const base = 40_000 / (p + 1);
				const revenue = Math.max(0, Math.round(base * season * trend * (skill[i] ?? 1) * (1 + 0.2 * r.normal())));
				actuals.push({
					period,
					rep: rep.id,
					region: rep.region,
					product,
					revenue,
					collections: Math.round(revenue * (0.75 + 0.25 * r.next())),
					grossMargin: Math.round(revenue * (0.3 + 0.15 * r.next())),
					newCustomers: r.int(0, 3)
				});
			});
		});
	}
	return { reps, deals, activities, actuals, period: { start: iso(start), end: iso(end) } };
}
