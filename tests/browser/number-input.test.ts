import { describe, expect, inject, it } from 'vitest';
import { createPlan, person, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('browser — number entry as people type it', () => {
	it('accepts 1.5亿 and shows it formatted after blur; refuses 0x10 with its reason, keeping the text', async () => {
		const alice = await person(browser(), 'Alice');
		await createPlan(alice.page, baseUrl, 'blank');
		await alice.page.getByTestId('tab-market').click();
		const size = alice.page.getByTestId('market:size');
		await size.fill('1.5亿');
		await size.press('Tab');
		await expect.poll(() => size.inputValue()).toBe('150,000,000');
		await size.focus();
		await expect.poll(() => size.inputValue()).toBe('150000000');
		await size.fill('0x10');
		await size.press('Tab');
		const error = alice.page.locator('label.single', { has: size }).locator('.field-error');
		await expect.poll(() => error.textContent()).toContain('0x10');
		expect(await size.inputValue()).toBe('0x10');
		// The stored number is untouched by the refused text.
		await size.fill('¥1,200');
		await size.press('Tab');
		await expect.poll(() => size.inputValue()).toBe('1,200');
		expect(await error.count()).toBe(0);
		await alice.context.close();
	});
});
