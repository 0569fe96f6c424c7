import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:8799';
const sections = ['overview', 'goals', 'targets', 'market', 'customers', 'strategy', 'actions', 'budget', 'incentives', 'risks', 'playbook', 'summary'];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const [vw, vh, tag, scheme, locale] of [[1024, 768, 'tablet', 'light', 'en-US'], [390, 844, 'phone', 'dark', 'zh-CN']]) {
	const context = await browser.newContext({ viewport: { width: vw, height: vh }, colorScheme: scheme, locale });
	await context.addInitScript(() => localStorage.setItem('sales-plan:identity', JSON.stringify({ name: 'Alice', color: '#2563eb' })));
	const page = await context.newPage();
	page.on('pageerror', (e) => console.error('pageerror', e.message));
	await page.goto(base + '/');
	await page.getByTestId('template').selectOption('b2bLongCycle');
	await page.getByTestId('new-plan').click();
	await page.waitForURL(/\/plan\//);
	await page.getByTestId('field-title').waitFor();
	const fill = async (id, v, i = 0) => { const l = page.getByTestId(id).nth(i); await l.fill(v); await l.press('Tab'); };
	await page.getByTestId('tab-targets').click();
	await fill('annual-target', '12000000');
	await fill('funnel-averageDealSize', '250000');
	await page.getByTestId('tab-market').click();
	await fill('market:size', '800000000'); await fill('market:growthPct', '6');
	await page.getByTestId('add-competitor').click();
	await fill('competitor-name', 'Huaxin Machinery'); await fill('competitor-sharePct', '18'); await fill('competitor-recentMoves', 'Cut list prices 8% in East China');
	await page.getByTestId('swot-strengths').fill('Service network in 12 cities\nCustom engineering');
	await page.getByTestId('swot-threats').fill('Price war with local makers');
	await page.getByTestId('tab-customers').click();
	await page.getByTestId('tier-strategic').locator('textarea').first().fill('Annual spend > 5M, 3+ product lines');
	await page.getByTestId('add-persona').click();
	await fill('persona-name', 'Plant manager'); await fill('persona-decisionRole', 'Decision maker');
	await page.getByTestId('tab-budget').click();
	await page.getByTestId('add-budget-line').click();
	await fill('budget-line-amount', '300000'); await fill('budget-line-expectedLeads', '1200'); await fill('budget-line-description', 'Industry fairs and webinars');
	await page.getByTestId('add-budget-line').click();
	await page.getByTestId('budget-line-category').nth(1).selectOption('people');
	await fill('budget-line-amount', '450000', 1); await fill('budget-line-description', 'Two key-account reps', 1);
	for (const s of sections) {
		await page.getByTestId(`tab-${s}`).click();
		await page.waitForTimeout(250);
		await page.screenshot({ path: `/tmp/shots/s-${s}-${tag}.png`, fullPage: true });
	}
	await context.close();
}
await browser.close();
