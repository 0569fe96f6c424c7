/** The Chinese (zh-CN) half of messages-targets-import.ts. */
import type { enTargetsImport } from './messages-targets-import';

export const zhCNTargetsImport: Record<keyof typeof enTargetsImport, string> = {
	'targetsImport.open': '从文件导入指标',
	'targetsImport.close': '关闭导入',
	'targetsImport.intro':
		'按销售和/或区域、团队列出指标的文件：每行一个年度金额，或每月一列（2027-01、1月、Jan、M1…），或每位销售每月一行。文件将成为年度指标（按预留比例上调）、各单元和销售的占比，以及（有月份时的）季节性。',
	'targetsImport.key.level': '层级（公司、预留、单元）',
	'targetsImport.key.region': '区域',
	'targetsImport.key.team': '团队',
	'targetsImport.key.unit': '单元（区域或团队）',
	'targetsImport.key.rep': '销售',
	'targetsImport.key.target': '指标（全年）',
	'targetsImport.key.month': '月份（每月一行）',
	'targetsImport.months': '月份列：{list}',
	'targetsImport.noMonths': '没有月份列：每行按全年指标读取。',
	'targetsImport.total': '文件合计 {total}；年度指标将设为 {annual}，扣除 {reserve} 预留后，各单元分配的正好是文件合计。',
	'targetsImport.warnings': '分解结果与文件不同的数字',
	'targetsImport.defaultUnit': '销售部',
	'targetsImport.month': '第{month}月'
};
