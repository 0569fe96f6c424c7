/**
 * The demo's execution data in the plan's language. The generator (`generate-execution.ts`) is
 * shared with the benchmarks and writes English names; a zh-CN demo renames them here, before
 * they are stored, so no English region, product, stage, customer or rep name shows in a Chinese
 * plan. Content, not UI: once seeded the data is the user's to edit.
 */
import type { GeneratedExecution } from '../generate-execution';
import type { PipelineStage } from '../execution';

interface ExecutionWords {
	/** Every English word the generator writes → its translation. */
	words: Readonly<Record<string, string>>;
	stageNames: Readonly<Record<string, string>>;
	customer: (n: string) => string;
	/** Generated names are 'Surname Given' in pinyin. */
	person: (surname: string, given: string) => string;
}

const ZH_CN: ExecutionWords = {
	words: {
		North: '华北',
		East: '华东',
		South: '华南',
		Core: '基础版',
		Pro: '专业版',
		Analytics: '分析模块',
		Services: '实施服务',
		Support: '技术支持',
		SMB: '小微企业',
		'Mid-market': '中型企业',
		Enterprise: '大型企业',
		price: '价格',
		competitor: '竞争对手',
		'no budget': '没有预算',
		'no decision': '未做决定',
		timing: '时机不对',
		Wang: '王',
		Li: '李',
		Zhang: '张',
		Liu: '刘',
		Chen: '陈',
		Yang: '杨',
		Zhao: '赵',
		Huang: '黄',
		Zhou: '周',
		Wu: '吴',
		Xu: '徐',
		Sun: '孙',
		Ma: '马',
		Zhu: '朱',
		Hu: '胡',
		Guo: '郭',
		Wei: '伟',
		Fang: '芳',
		Min: '敏',
		Jing: '静',
		Lei: '磊',
		Yan: '燕',
		Jun: '军',
		Hui: '慧',
		Tao: '涛',
		Ping: '平',
		Ying: '英',
		Qiang: '强',
		Na: '娜',
		Hong: '红'
	},
	stageNames: { lead: '线索', qualified: '需求确认', proposal: '方案报价', negotiation: '商务谈判', won: '赢单', lost: '输单' },
	customer: (n) => `客户 ${n}`,
	person: (surname, given) => `${surname}${given}`
};

const WORDS: Partial<Record<'en' | 'zh-CN', ExecutionWords>> = { 'zh-CN': ZH_CN };

export function demoStages(stages: readonly PipelineStage[], language: 'en' | 'zh-CN'): PipelineStage[] {
	const names = WORDS[language]?.stageNames;
	return stages.map((s) => ({ ...s, name: names?.[s.id] ?? s.name }));
}

export function localizeDemoExecution(data: GeneratedExecution, language: 'en' | 'zh-CN'): GeneratedExecution {
	const lang = WORDS[language];
	if (!lang) return data;
	const word = (text: string) => lang.words[text] ?? text;
	// Teams are '<region>-<n>'.
	const team = (text: string) => text.replace(/^[^-]+/, (region) => word(region));
	const person = (name: string) => {
		const [surname = '', given = ''] = name.split(' ');
		return lang.words[surname] && lang.words[given] ? lang.person(word(surname), word(given)) : name;
	};
	return {
		...data,
		reps: data.reps.map((r) => ({ ...r, name: person(r.name), team: team(r.team), region: word(r.region) })),
		deals: data.deals.map((d) => ({
			...d,
			customer: d.customer.replace(/^Customer (\d+)$/, (_, n: string) => lang.customer(n)),
			segment: word(d.segment),
			region: word(d.region),
			product: word(d.product),
			lostReason: d.lostReason === null ? null : word(d.lostReason)
		})),
		actuals: data.actuals.map((a) => ({ ...a, region: word(a.region), product: word(a.product) }))
	};
}
