import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** Debian's Chromium (Playwright's own download does not work on these machines). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launch(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
	});
}

/** One Chromium per test file, launched before its tests and closed after. */
export function useBrowser(): () => Browser {
	let browser: Browser | undefined;
	beforeAll(async () => {
		browser = await launch();
	});
	afterAll(async () => {
		await browser?.close();
	});
	return () => {
		if (!browser) throw new Error('browser not launched yet');
		return browser;
	};
}

/** A fresh browser profile (own IndexedDB, own service worker) for one person. */
export async function person(
	browser: Browser,
	name: string,
	options: {
		viewport?: { width: number; height: number };
		locale?: string;
		/** The browser's time zone (IANA), e.g. 'Asia/Shanghai'. Default: the machine's. */
		timezoneId?: string;
		/**
		 * A fixed "now" for the app (ISO instant): Date and Date.now() return it, timers still run.
		 * Date-sensitive tests use it so they pass on any day.
		 */
		now?: string;
		/** 'block': no service worker, so nothing is cached beyond what the page itself loaded. */
		serviceWorkers?: 'allow' | 'block';
	} = {}
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({
		viewport: options.viewport ?? { width: 1024, height: 768 },
		locale: options.locale ?? 'en-US',
		...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
		...(options.serviceWorkers ? { serviceWorkers: options.serviceWorkers } : {})
	});
	if (options.now) await context.clock.setFixedTime(new Date(options.now));
	await context.addInitScript((n) => {
		if (!localStorage.getItem('sales-plan:identity')) {
			localStorage.setItem('sales-plan:identity', JSON.stringify({ name: n, color: '#2563eb' }));
		}
	}, name);
	const page = await context.newPage();
	page.on('pageerror', (err) => console.error(`[${name}] page error:`, err.message));
	return { context, page };
}

/** Waits until the service worker controls the page, so it can be reloaded offline. */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
		if (!navigator.serviceWorker.controller) {
			await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
		}
	});
}

/** Fills in and submits the home page's create dialog (the page must be the home page). */
export async function submitNewPlan(page: Page, options: { template?: string; name?: string; owner?: string; year?: string } = {}): Promise<void> {
	await page.getByTestId('new-plan').click();
	if (options.template) await page.getByTestId('template').selectOption(options.template);
	await page.getByTestId('new-plan-name').fill(options.name ?? 'Sales plan 2027');
	if (options.year) await page.getByTestId('new-plan-year').selectOption(options.year);
	if (options.owner !== undefined) await page.getByTestId('new-plan-owner').fill(options.owner);
	await page.getByTestId('create-plan').click();
	await page.waitForURL(/\/plan\//);
}

/** Creates a plan through the UI and waits for it to reach the server. */
export async function createPlan(page: Page, baseUrl: string, template?: string, name?: string): Promise<string> {
	await page.goto(baseUrl + '/');
	await submitNewPlan(page, { ...(template ? { template } : {}), ...(name ? { name } : {}) });
	await page.getByTestId('field-title').waitFor();
	await page.locator('[data-testid=sync-status][data-status=synced]').waitFor({ timeout: 15_000 });
	return new URL(page.url()).pathname.split('/').pop()!;
}

/** Makes a share link through the Share dialog. */
export async function shareLink(page: Page, role: 'view' | 'edit'): Promise<string> {
	await page.getByTestId('share').click();
	await page.getByLabel(role === 'edit' ? 'Edit link' : 'Read-only link').check();
	await page.getByTestId('create-link').click();
	const link = await page.getByTestId('share-link').inputValue();
	await page.getByRole('button', { name: 'Close', exact: true }).click();
	return link;
}

export async function setTitle(page: Page, title: string): Promise<void> {
	await page.getByTestId('tab-overview').click();
	await page.getByTestId('field-title').fill(title);
	await page.getByTestId('field-title').press('Tab');
}

/** The sizes screenshots are taken at for a person to look at: a tablet and a phone. */
export const SHOT_SIZES = [
	[1024, 768],
	[390, 844]
] as const;

/**
 * Screenshots for a person to look at (never compared): runs `shoot` in English, then Chinese, at
 * each of SHOT_SIZES, into `dir`; then returns the page to English at tablet size, so a test that
 * goes on afterwards reads the texts it expects.
 */
export async function inEachLanguageAndSize(page: Page, dir: string, shoot: (lang: 'en' | 'zh-CN', width: number) => Promise<void>): Promise<void> {
	mkdirSync(dir, { recursive: true });
	for (const lang of ['en', 'zh-CN'] as const) {
		if (lang === 'zh-CN') await page.getByTestId('lang-switch').click();
		for (const [width, height] of SHOT_SIZES) {
			await page.setViewportSize({ width, height });
			await shoot(lang, width);
		}
	}
	await page.getByTestId('lang-switch').click();
	await page.setViewportSize({ width: 1024, height: 768 });
}
