/** UI strings that only assistive technology or the chart table alternatives show, merged into messages.ts. */
export const enA11y = {
	'a11y.rowActions': 'Actions',
	'a11y.showTable': 'Show as table',
	'a11y.hideTable': 'Hide table',
	'a11y.chartTable': '{chart}: data',
	'a11y.category': 'Item',
	'a11y.openDeals': 'Press Enter to see the deals',
	'a11y.noData': 'No data'
} as const;

export const zhCNA11y: Record<keyof typeof enA11y, string> = {
	'a11y.rowActions': '操作',
	'a11y.showTable': '以表格显示',
	'a11y.hideTable': '隐藏表格',
	'a11y.chartTable': '{chart}：数据',
	'a11y.category': '项目',
	'a11y.openDeals': '按回车查看相关商机',
	'a11y.noData': '暂无数据'
};
