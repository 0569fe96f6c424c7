/** UI strings that only assistive technology or the chart table alternatives show, merged into messages.ts (Chinese: messages-a11y.zh-CN.ts). */
export const enA11y = {
	'a11y.rowActions': 'Actions',
	'a11y.showTable': 'Show as table',
	'a11y.hideTable': 'Hide table',
	'a11y.chartTable': '{chart}: data',
	'a11y.category': 'Item',
	'a11y.openDeals': 'Press Enter to see the deals',
	'a11y.noData': 'No data'
} as const;
