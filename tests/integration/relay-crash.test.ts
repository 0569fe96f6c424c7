import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { SyncProvider, type ProviderState } from '../../src/lib/sync/sync-provider';
import { LocalServer, freePort } from '../harness/server';
import { onceSynced, registerPlan, stockClient, waitFor } from '../harness/stock-client';

/**
 * Relay first (functions/room/relay.ts): an edit reaches the other editors before it is written.
 * The server runs with TEST_HOLD_WRITE_MS, which holds every write that long after its relay
 * (input gate closed), so the SIGKILL lands between relay and write every time, not by luck.
 */
const HOLD_MS = 20_000;

/** Our client (the app's SyncProvider) in Node, with its confirmation state. */
function ours(baseUrl: string, planId: string, token: string) {
	const doc = new Y.Doc();
	const client = {
		doc,
		state: { status: 'offline', unsent: 0, fatal: null, refused: null } as ProviderState,
		provider: null as unknown as SyncProvider
	};
	client.provider = new SyncProvider({
		serverUrl: baseUrl.replace(/^http/, 'ws') + '/sync',
		planId,
		token,
		doc,
		awareness: new Awareness(doc),
		// Reconnect quickly: the test waits on what happens after the restart.
		backoff: () => 200,
		onState: (s) => (client.state = s)
	});
	client.provider.connect();
	return client;
}

/** What the server has stored (a fresh viewer's copy right after its handshake). */
async function stored(baseUrl: string, planId: string, viewToken: string): Promise<Record<string, unknown>> {
	const fresh = stockClient(baseUrl, planId, viewToken);
	await onceSynced(fresh.provider);
	const map = fresh.doc.getMap('m').toJSON();
	fresh.provider.destroy();
	return map;
}

/** Polls the server's stored copy until `key` is there (stock clients get no confirmation to wait on). */
async function storedEventually(baseUrl: string, planId: string, viewToken: string, key: string): Promise<Record<string, unknown>> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		const map = await stored(baseUrl, planId, viewToken);
		if (key in map || Date.now() > deadline) return map;
		await new Promise((r) => setTimeout(r, 200));
	}
}

describe('npm start server — relay first, SIGKILL between relay and write', () => {
	const servers: LocalServer[] = [];
	afterAll(async () => {
		for (const s of servers) await s.stop();
	});

	it('loses nothing acknowledged; the sender and the editors that got the edit bring it back', { timeout: 300_000 }, async () => {
		const port = await freePort();
		const held = new LocalServer(port, undefined, undefined, ['--var', `TEST_HOLD_WRITE_MS:${HOLD_MS}`]);
		servers.push(held);
		await held.start();
		const url = held.url;

		// Plan 1: our sender, a stock editor and our viewer. Plans 2 and 3: a sender that never
		// comes back, and one peer editor — stock in plan 2, ours in plan 3.
		const [p1, p2, p3] = [await registerPlan(url), await registerPlan(url), await registerPlan(url)];
		const sender = ours(url, p1.planId, p1.tokens.edit);
		const editor = stockClient(url, p1.planId, p1.tokens.edit);
		const viewer = ours(url, p1.planId, p1.tokens.view);
		const gone2 = ours(url, p2.planId, p2.tokens.edit);
		const stockPeer = stockClient(url, p2.planId, p2.tokens.edit);
		const gone3 = stockClient(url, p3.planId, p3.tokens.edit);
		const oursPeer = ours(url, p3.planId, p3.tokens.edit);
		// Connected before any write: a held write keeps the room's input gate closed, new sockets included.
		await Promise.all([editor, stockPeer, gone3].map((c) => onceSynced(c.provider)));
		await waitFor(() => [sender, viewer, gone2, oursPeer].every((c) => c.state.status === 'synced'), 30_000, 'our clients synced');

		// Acknowledged: the answer to the sender's probe comes after the (held) write.
		sender.doc.getMap('m').set('acked', 'stored before the crash');
		await waitFor(() => sender.state.unsent === 1, 5_000, 'edit counted');
		await waitFor(() => sender.state.status === 'synced' && sender.state.unsent === 0, HOLD_MS + 30_000, 'acknowledgement');
		await waitFor(() => viewer.doc.getMap('m').get('acked') !== undefined, 30_000, 'viewer has the stored edit');

		// Relayed to the editors at once; the write is held. The sender's next edit waits behind it
		// (the held write keeps the input gate closed): two unconfirmed edits, neither stored.
		sender.doc.getMap('m').set('pending', 'relayed, not yet written');
		sender.doc.getMap('m').set('queued', 'sent, not yet handled');
		gone2.doc.getMap('m').set('pending2', 'only the stock peer has it');
		gone3.doc.getMap('m').set('pending3', 'only our peer has it');
		await waitFor(() => editor.doc.getMap('m').get('pending') !== undefined, 10_000, 'relay to the stock editor');
		await waitFor(() => stockPeer.doc.getMap('m').get('pending2') !== undefined, 10_000, 'relay to the stock peer');
		await waitFor(() => oursPeer.doc.getMap('m').get('pending3') !== undefined, 10_000, 'relay to our peer');
		// Nobody was told it is stored: the sender still counts it; the viewer has not been sent it.
		expect(sender.state).toMatchObject({ unsent: 2, status: 'syncing' });
		expect(viewer.doc.getMap('m').get('pending')).toBeUndefined();

		// The sockets go down with the server (closed first, so no client races the restart).
		for (const c of [sender, viewer, oursPeer]) c.provider.disconnect();
		for (const c of [editor, stockPeer]) c.provider.disconnect();
		gone2.provider.destroy();
		gone3.provider.destroy();
		await held.kill();
		const server = new LocalServer(port, held.persistTo);
		servers.push(server);
		await server.start();

		// Storage has what was acknowledged and none of what was only relayed: the kill fell between.
		expect(await stored(url, p1.planId, p1.tokens.view)).toEqual({ acked: 'stored before the crash' });
		expect(await stored(url, p2.planId, p2.tokens.view)).toEqual({});
		expect(await stored(url, p3.planId, p3.tokens.view)).toEqual({});

		// The sender resends its unconfirmed edits and is confirmed once they are stored.
		sender.provider.connect();
		await waitFor(() => sender.state.status === 'synced' && sender.state.unsent === 0, 30_000, 'sender confirmed after restart');
		expect(await stored(url, p1.planId, p1.tokens.view)).toEqual({
			acked: 'stored before the crash',
			pending: 'relayed, not yet written',
			queued: 'sent, not yet handled'
		});

		// With the senders gone, the editors that got their edits bring them back (their sync step 2).
		stockPeer.provider.connect();
		expect(await storedEventually(url, p2.planId, p2.tokens.view, 'pending2')).toEqual({ pending2: 'only the stock peer has it' });
		oursPeer.provider.connect();
		expect(await storedEventually(url, p3.planId, p3.tokens.view, 'pending3')).toEqual({ pending3: 'only our peer has it' });

		for (const c of [sender, viewer, oursPeer]) c.provider.destroy();
		for (const c of [editor, stockPeer]) c.provider.destroy();
	});
});
