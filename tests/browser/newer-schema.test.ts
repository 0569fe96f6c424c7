import { describe, expect, inject, it } from 'vitest';
import { onceSynced, stockClient, waitFor } from '../harness/stock-client';
import { createPlan, person, setTitle, shareLink, useBrowser } from './browser';

const baseUrl = inject('baseUrl');
const browser = useBrowser();

describe('browser — a plan marked by a newer app', () => {
	it('stays editable, and its owner can reset a marker set by mistake after confirming', async () => {
		const alice = await person(browser(), 'Alice');
		const planId = await createPlan(alice.page, baseUrl);
		const token = new URLSearchParams(new URL(await shareLink(alice.page, 'edit')).hash.slice(1)).get('token')!;
		// Any editor's client can raise the marker (here a stock client, as a misbehaving app would).
		const other = stockClient(baseUrl, planId, token);
		await onceSynced(other.provider);
		other.doc.getMap('meta').set('schemaVersion', 99);

		await alice.page.getByTestId('newer-schema').waitFor({ timeout: 10_000 });
		await setTitle(alice.page, 'Still editable');
		await waitFor(() => other.doc.getMap('overview').get('title') === 'Still editable', 10_000, 'title edit');

		// Declining the confirmation changes nothing; accepting resets the marker for everyone.
		alice.page.once('dialog', (dialog) => void dialog.dismiss());
		await alice.page.getByTestId('reset-schema').click();
		expect(await alice.page.getByTestId('newer-schema').count()).toBe(1);
		expect(other.doc.getMap('meta').get('schemaVersion')).toBe(99);
		alice.page.once('dialog', (dialog) => void dialog.accept());
		await alice.page.getByTestId('reset-schema').click();
		await alice.page.getByTestId('newer-schema').waitFor({ state: 'detached' });
		await waitFor(() => other.doc.getMap('meta').get('schemaVersion') === 2, 10_000, 'marker reset');
		other.provider.destroy();
		await alice.context.close();
	});
});
