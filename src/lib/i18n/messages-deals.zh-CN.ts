/** The Chinese (zh-CN) half of messages-deals.ts: its own module so English-only pages never download it. */
import type { enDeals } from './messages-deals';

export const zhCNDeals: Record<keyof typeof enDeals, string> = {
	'deals.search': '搜索商机',
	'deals.searchPlaceholder': '客户、负责人、商机名称或编号',
	'deals.moreFilters': '筛选',
	'deals.activeFilters': '已启用 {count, plural, other {# 个筛选}}',
	'deals.clearFilters': '清除搜索和筛选',
	'deals.allOwners': '全部负责人',
	'deals.allRegions': '全部区域',
	'deals.allProducts': '全部产品',
	'deals.allCategories': '全部预测类别',
	'deals.allCurrencies': '全部币种',
	'deals.status': '状态',
	'deals.anyStatus': '进行中、赢单和输单',
	'deals.status.open': '进行中',
	'deals.status.won': '赢单',
	'deals.status.lost': '输单',
	'deals.closeFrom': '预计成交自',
	'deals.closeTo': '预计成交至',
	'deals.amountMin': '金额下限',
	'deals.amountMax': '金额上限',
	'deals.range': '第 {from}–{to} 个，共 {total, plural, other {# 个商机}}',
	'deals.noMatch': '没有符合搜索和筛选条件的商机。',
	'deals.pageSize': '每页行数',
	'deals.previous': '上一页',
	'deals.next': '下一页',
	'deals.pageOf': '第 {page} / {pages} 页',
	'deals.sortBy': '按{column}排序',
	'deals.excluded': '{count, plural, other {# 个商机}}因数据问题未计入。',
	'deals.seeQuality': '查看数据质量',
	'deals.pages': '商机分页'
};
