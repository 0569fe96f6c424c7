import { describe, expect, it } from 'vitest';
import { IMPORT_KEYS, rememberMapping, suggestMapping } from '$lib/import/headers';
import { en } from '$lib/i18n/messages';
import { zhCN } from '$lib/i18n/messages.zh-CN';

const mapped = (kind: Parameters<typeof suggestMapping>[0], headers: string[]) =>
	Object.fromEntries(
		Object.entries(suggestMapping(kind, headers))
			.filter(([, v]) => v !== null)
			.map(([k, v]) => [k, headers[v as number]])
	);

describe('column suggestions from CRM header sets', () => {
	it('Salesforce opportunity report', () => {
		expect(
			mapped('deals', [
				'Opportunity Owner',
				'Account Name',
				'Opportunity Name',
				'Stage',
				'Fiscal Period',
				'Amount',
				'Probability (%)',
				'Close Date',
				'Created Date',
				'Opportunity ID',
				'Forecast Category'
			])
		).toEqual({
			owner: 'Opportunity Owner',
			customer: 'Account Name',
			name: 'Opportunity Name',
			stage: 'Stage',
			amount: 'Amount',
			probability: 'Probability (%)',
			expectedClose: 'Close Date',
			createdAt: 'Created Date',
			externalId: 'Opportunity ID',
			forecastCategory: 'Forecast Category'
		});
	});
	it('HubSpot deal export', () => {
		expect(
			mapped('deals', [
				'Record ID',
				'Deal Name',
				'Deal Stage',
				'Close Date',
				'Deal owner',
				'Amount',
				'Create Date',
				'Associated Company (Primary)',
				'Deal probability'
			])
		).toEqual({
			externalId: 'Record ID',
			name: 'Deal Name',
			stage: 'Deal Stage',
			expectedClose: 'Close Date',
			owner: 'Deal owner',
			amount: 'Amount',
			createdAt: 'Create Date',
			customer: 'Associated Company (Primary)',
			probability: 'Deal probability'
		});
	});
	it('纷享销客 / 销售易 商机 exports', () => {
		expect(mapped('deals', ['商机名称', '客户名称', '销售阶段', '商机金额', '预计成交日期', '负责人', '商机编号', '创建时间', '赢率'])).toEqual({
			name: '商机名称',
			customer: '客户名称',
			stage: '销售阶段',
			amount: '商机金额',
			expectedClose: '预计成交日期',
			owner: '负责人',
			externalId: '商机编号',
			createdAt: '创建时间',
			probability: '赢率'
		});
		expect(mapped('deals', ['机会名称', '客户', '阶段', '金额', '结单日期', '所有人', '机会ID'])).toMatchObject({
			name: '机会名称',
			customer: '客户',
			stage: '阶段',
			amount: '金额',
			expectedClose: '结单日期',
			owner: '所有人',
			externalId: '机会ID'
		});
	});
	it("the app's own export (both languages) and the command line's machine keys", () => {
		const keys = [
			'externalId',
			'name',
			'customer',
			'amount',
			'currency',
			'stage',
			'owner',
			'region',
			'product',
			'createdAt',
			'expectedClose',
			'closedAt',
			'probability',
			'forecastCategory'
		];
		expect(mapped('deals', keys)).toEqual(Object.fromEntries(keys.map((k) => [k, k])));
		expect(mapped('deals', ['Deal name', 'Customer', 'Owner', 'Amount', 'Stage', 'Expected close', 'Forecast category'])).toMatchObject({
			name: 'Deal name',
			expectedClose: 'Expected close',
			forecastCategory: 'Forecast category'
		});
		expect(mapped('deals', ['商机名称', '客户', '负责人', '金额', '阶段', '预计成交日', '预测类别', '赢单概率'])).toMatchObject({
			expectedClose: '预计成交日',
			forecastCategory: '预测类别',
			probability: '赢单概率'
		});
		expect(mapped('actuals', ['Month', 'Rep', 'Region', 'Product', 'Revenue', 'Collections', 'Gross margin', 'New customers'])).toMatchObject({
			period: 'Month',
			grossMargin: 'Gross margin',
			newCustomers: 'New customers'
		});
		// The cost behind CAC maps to salesCost; 获客成本 is CAC itself (a cost per customer), never the cost.
		expect(mapped('actuals', ['Month', 'S&M cost', 'New customers'])).toMatchObject({ salesCost: 'S&M cost' });
		expect(mapped('actuals', ['月份', '销售费用'])).toMatchObject({ salesCost: '销售费用' });
		expect(mapped('actuals', ['Sales cost'])).toMatchObject({ salesCost: 'Sales cost' });
		expect(mapped('actuals', ['获客成本'])).not.toHaveProperty('salesCost');
		expect(mapped('activities', ['日期', '销售', '类型', '次数'])).toEqual({ date: '日期', rep: '销售', type: '类型', count: '次数' });
	});
	it('a remembered choice wins where its header is present', () => {
		const headers = ['Opportunity ID', 'Legacy Key', 'Amount'];
		expect(suggestMapping('deals', headers, { externalId: 'Legacy Key' })).toMatchObject({ externalId: 1, amount: 2 });
		expect(rememberMapping(suggestMapping('deals', headers), headers)).toEqual({ externalId: 'Opportunity ID', amount: 'Amount' });
	});
});

describe('the wizard names every import field', () => {
	it('each machine key of each kind has a label in English and Chinese (a new key such as salesCost never shows raw)', () => {
		const missing = Object.values(IMPORT_KEYS)
			.flat()
			.flatMap((key) => [`en:${key}`, `zh:${key}`])
			.filter((entry) => {
				const [lang, key] = entry.split(':');
				const table: Record<string, string> = lang === 'en' ? en : zhCN;
				return !table[`wizard.key.${key}`];
			});
		expect(missing).toEqual([]);
	});
});
