import { afterAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { SyncProvider, type ProviderState } from '../../src/lib/sync/sync-provider';
import { LocalServer, freePort } from '../harness/server';
import { onceSynced, registerPlan, stockClient, waitFor } from '../harness/stock-client';

const baseUrl = inject('baseUrl');

describe('npm start server — stock y-websocket clients', () => {
	it('two editors and a viewer converge; the viewer cannot write', async () => {
		const { planId, tokens } = await registerPlan(baseUrl);
		const a = stockClient(baseUrl, planId, tokens.edit);
		const b = stockClient(baseUrl, planId, tokens.edit);
		const v = stockClient(baseUrl, planId, tokens.view);
		await Promise.all([a, b, v].map((c) => onceSynced(c.provider)));

		for (let i = 0; i < 50; i++) {
			a.doc.getArray<string>('log').push([`a${i}`]);
			b.doc.getArray<string>('log').push([`b${i}`]);
			if (i % 10 === 0) a.doc.getText('notes').insert(0, `A${i} `);
			if (i % 10 === 5) b.doc.getText('notes').insert(b.doc.getText('notes').length, ` B${i}`);
		}
		v.doc.getMap('meta').set('hacked', true);
		const full = (d: Y.Doc) => d.getArray('log').length === 100 && d.getText('notes').length > 0;
		await waitFor(() => [a, b, v].every((c) => full(c.doc)), 10_000, 'convergence');
		await waitFor(() => a.doc.getText('notes').toString() === b.doc.getText('notes').toString());
		expect(v.doc.getArray('log').toJSON()).toEqual(a.doc.getArray('log').toJSON());
		expect(b.doc.getArray('log').toJSON()).toEqual(a.doc.getArray('log').toJSON());
		expect(v.doc.getText('notes').toString()).toBe(a.doc.getText('notes').toString());

		// A fresh editor sees what the server stored: everything but the viewer's write.
		const fresh = stockClient(baseUrl, planId, tokens.edit);
		await onceSynced(fresh.provider);
		expect(fresh.doc.getArray('log').length).toBe(100);
		expect(fresh.doc.getMap('meta').get('hacked')).toBeUndefined();
		for (const c of [a, b, v, fresh]) c.provider.destroy();
	});

	it('shows presence between stock clients and removes it when one leaves', async () => {
		const { planId, tokens } = await registerPlan(baseUrl);
		const a = stockClient(baseUrl, planId, tokens.edit);
		const b = stockClient(baseUrl, planId, tokens.view);
		await Promise.all([a, b].map((c) => onceSynced(c.provider)));
		a.provider.awareness.setLocalStateField('user', { name: '李娜', color: '#2563eb' });
		await waitFor(() => (b.provider.awareness.getStates().get(a.doc.clientID) as { user?: { name: string } } | undefined)?.user?.name === '李娜');
		a.provider.destroy();
		await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 5000, 'presence removal');
		b.provider.destroy();
	});
});

describe('npm start server — crash and restart', () => {
	const servers: LocalServer[] = [];
	afterAll(async () => {
		for (const s of servers) await s.stop();
	});

	it('loses no acknowledged update when the server is killed mid-session and restarted', async () => {
		const server = new LocalServer(await freePort());
		servers.push(server);
		await server.start();
		const { planId, tokens } = await registerPlan(server.url);

		// Our client tells when the server has confirmed storage; a stock client edits alongside.
		const doc = new Y.Doc();
		let state: ProviderState = { status: 'offline', unsent: 0, fatal: null, refused: null, full: null };
		const ours = new SyncProvider({
			serverUrl: server.url.replace(/^http/, 'ws') + '/sync',
			planId,
			token: tokens.edit,
			doc,
			awareness: new Awareness(doc),
			onState: (s) => {
				if (process.env.DEBUG_SYNC) console.log(Date.now() % 100000, JSON.stringify(s));
				state = s;
			}
		});
		ours.connect();
		const stock = stockClient(server.url, planId, tokens.edit);
		await onceSynced(stock.provider);
		await waitFor(() => state.status === 'synced', 10_000, 'synced');

		for (let i = 0; i < 200; i++) {
			doc.getArray<number>('ours').push([i]);
			stock.doc.getArray<number>('stock').push([i]);
		}
		await waitFor(() => state.status === 'synced' && state.unsent === 0, 10_000, 'acknowledgement');
		// Relayed to us (an editor) perhaps before they were stored: had the kill below cut a write
		// off, our step 2 after the restart would bring the stock client's edits back.
		await waitFor(() => doc.getArray('stock').length === 200, 10_000, 'stock edits relayed');
		expect(doc.getArray('ours').length).toBe(200);
		stock.provider.destroy();

		await server.kill();
		// Edits made while the server is down are kept and sent after the restart.
		for (let i = 200; i < 220; i++) doc.getArray<number>('ours').push([i]);
		await waitFor(() => state.status !== 'synced', 5000, 'offline status');
		expect(state.unsent).toBeGreaterThan(0);
		await server.start();

		await waitFor(() => state.status === 'synced' && state.unsent === 0, 45_000, 'resync after restart');

		const fresh = stockClient(server.url, planId, tokens.view);
		await onceSynced(fresh.provider);
		expect(fresh.doc.getArray('ours').toJSON()).toEqual([...Array(220).keys()]);
		expect(fresh.doc.getArray('stock').length).toBe(200);
		for (const p of [ours, fresh.provider]) p.destroy();
	});
});
