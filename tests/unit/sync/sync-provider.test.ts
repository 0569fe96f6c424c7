import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { MAX_PART_FRAME_BYTES } from '$lib/protocol/parts';
import { SyncProvider, type ProviderState } from '$lib/sync/sync-provider';
import { FakeSyncServer } from './fake-sync-server';

/** The provider against the server's protocol in memory; the browser tests run it against the real server. */
let server: FakeSyncServer;
const realWebSocket = globalThis.WebSocket;
const providers: SyncProvider[] = [];

beforeEach(() => {
	server = new FakeSyncServer();
	globalThis.WebSocket = server.socketClass();
});
afterEach(() => {
	for (const p of providers.splice(0)) p.destroy();
	globalThis.WebSocket = realWebSocket;
});

interface Client {
	doc: Y.Doc;
	provider: SyncProvider;
	states: ProviderState[];
	state: () => ProviderState;
}

function client(options: { backoff?: (attempt: number) => number; onState?: (s: ProviderState, doc: Y.Doc) => void } = {}): Client {
	const doc = new Y.Doc();
	const awareness = new Awareness(doc);
	awareness.setLocalState(null);
	const states: ProviderState[] = [];
	const provider = new SyncProvider({
		serverUrl: 'ws://fake/sync',
		planId: 'plan-0000001',
		token: 'token',
		doc,
		awareness,
		backoff: options.backoff ?? (() => 0),
		onState: (s) => {
			states.push(s);
			options.onState?.(s, doc);
		}
	});
	providers.push(provider);
	return { doc, provider, states, state: () => states.at(-1)! };
}

const bigText = (bytes: number) => 'x'.repeat(bytes);
const serverText = () => server.doc.getText('summary').toString();

describe('SyncProvider — large edits, confirmation, backoff', () => {
	it('sends a 3 MB paste in frames ≤ 1 MiB and reports synced only once the server stored it', async () => {
		const text = bigText(3_000_000);
		const lies: ProviderState[] = [];
		const alice = client({
			onState: (s, doc) => {
				if ((s.status === 'synced' || s.unsent === 0) && serverText() !== doc.getText('summary').toString()) lies.push(s);
			}
		});
		alice.provider.connect();
		await vi.waitFor(() => expect(alice.state().status).toBe('synced'));
		alice.doc.getText('summary').insert(0, text);
		expect(alice.state().unsent).toBe(1);
		await vi.waitFor(() => expect(alice.state()).toMatchObject({ status: 'synced', unsent: 0 }), { timeout: 10_000 });
		expect(serverText()).toBe(text);
		expect(lies).toEqual([]);
		expect(server.maxFrameBytes).toBeLessThanOrEqual(MAX_PART_FRAME_BYTES);

		// A second client receives it: the server's 3 MB step 2 arrives in parts and is reassembled.
		const bob = client();
		bob.provider.connect();
		await vi.waitFor(() => expect(bob.doc.getText('summary').length).toBe(text.length), { timeout: 10_000 });
	}, 30_000);

	it('confirms an edit sent on a socket that then closed only after it was resent on a new one', async () => {
		let closes = 0;
		server.refuse = () => (closes++ < 2 ? 1011 : null); // the server fails twice before storing
		const lies: ProviderState[] = [];
		const alice = client({
			onState: (s, doc) => {
				if ((s.status === 'synced' || s.unsent === 0) && serverText() !== doc.getText('summary').toString()) lies.push(s);
			}
		});
		alice.provider.connect();
		await vi.waitFor(() => expect(alice.state().status).toBe('synced'));
		alice.doc.getText('summary').insert(0, 'Quarterly push in Jiangsu');
		await vi.waitFor(() => expect(alice.state()).toMatchObject({ status: 'synced', unsent: 0 }), { timeout: 10_000 });
		expect(serverText()).toBe('Quarterly push in Jiangsu');
		expect(closes).toBeGreaterThanOrEqual(2);
		expect(lies).toEqual([]);
	});

	it('backs off further on each refusal, tells what was refused, and clears it once stored', async () => {
		let refusing = true;
		server.refuse = () => (refusing ? 1009 : null);
		const attempts: number[] = [];
		const alice = client({
			backoff: (attempt) => {
				attempts.push(attempt);
				if (attempts.length === 5) refusing = false;
				return 0;
			}
		});
		alice.provider.connect();
		await vi.waitFor(() => expect(alice.state().status).toBe('synced'));
		alice.doc.getText('summary').insert(0, 'Refused four times');
		await vi.waitFor(() => expect(alice.state()).toMatchObject({ status: 'synced', unsent: 0, refused: null }), { timeout: 10_000 });
		// While refused, the user was told and the badge never claimed the edit was stored.
		const refused = alice.states.filter((s) => s.refused !== null);
		expect(refused.length).toBeGreaterThan(0);
		expect(refused.every((s) => s.refused?.code === 1009 && s.unsent === 1 && s.status !== 'synced')).toBe(true);
		// Each reconnect after a socket that confirmed nothing waits longer than the one before.
		expect(attempts).toEqual([0, 1, 2, 3, 4]);
		expect(serverText()).toBe('Refused four times');
	});

	it('says when the room had no place for the socket, keeps trying, and clears it once in step', async () => {
		let full = 3;
		server.refuse = () => (full-- > 0 ? 4503 : null);
		const alice = client();
		alice.provider.connect();
		await vi.waitFor(() => expect(alice.state().status).toBe('synced'));
		alice.doc.getText('summary').insert(0, 'Waiting for a place');
		await vi.waitFor(() => expect(alice.state()).toMatchObject({ status: 'synced', unsent: 0, full: null }), { timeout: 10_000 });
		const told = alice.states.filter((s) => s.full !== null);
		expect(told.length).toBeGreaterThan(0);
		expect(told.every((s) => s.full?.code === 4503 && s.unsent === 1 && s.status !== 'synced' && s.fatal === null)).toBe(true);
		expect(serverText()).toBe('Waiting for a place');
	});

	it('stops at the plan size cap and says so, with the edit still unconfirmed', async () => {
		server.refuse = () => 4413;
		const alice = client();
		alice.provider.connect();
		await vi.waitFor(() => expect(alice.state().status).toBe('synced'));
		alice.doc.getText('summary').insert(0, 'Too much');
		await vi.waitFor(() => expect(alice.state().fatal?.code).toBe(4413));
		expect(alice.state()).toMatchObject({ status: 'offline', unsent: 1, refused: { code: 4413 } });
		expect(server.sockets.length).toBe(1);
	});

	it('after the size cap, deleting locally tries again and the plan syncs once there is room', async () => {
		const alice = client();
		alice.provider.connect();
		await vi.waitFor(() => expect(alice.state().status).toBe('synced'));
		server.refuse = (update) => (update.byteLength > 1000 ? 4413 : null);
		const summary = alice.doc.getText('summary');
		summary.insert(0, bigText(5000));
		await vi.waitFor(() => expect(alice.state().fatal?.code).toBe(4413));
		// The owner of the junk deletes it: the next connection's step 2 is small and accepted.
		summary.delete(0, summary.length);
		summary.insert(0, 'Kept');
		await vi.waitFor(() => expect(alice.state()).toMatchObject({ status: 'synced', unsent: 0, fatal: null }));
		expect(serverText()).toBe('Kept');
	});
});

describe('SyncProvider — the server copy as stored updates', () => {
	/** Three updates written on the server one after another, as its log stores them. */
	function storedOnServer(): Uint8Array[] {
		const updates: Uint8Array[] = [];
		server.doc.on('update', (update: Uint8Array) => updates.push(update));
		server.doc.getText('summary').insert(0, 'one ');
		server.doc.getMap('goals').set('g1', 'two');
		server.doc.getText('summary').insert(4, 'three');
		return updates;
	}

	it('applies every step 2 before the server’s step 1 as one transaction', async () => {
		server.storedUpdates = storedOnServer();
		expect(server.storedUpdates).toHaveLength(3);
		const alice = client();
		const transactions: unknown[] = [];
		alice.doc.on('update', (_update: Uint8Array, origin: unknown) => transactions.push(origin));
		alice.provider.connect();
		await vi.waitFor(() => expect(alice.state().status).toBe('synced'));
		expect(alice.doc.getText('summary').toString()).toBe('one three');
		expect(alice.doc.getMap('goals').get('g1')).toBe('two');
		expect(transactions).toEqual([alice.provider]);
	});

	it('keeps what arrived of the copy when the socket ends before the server’s step 1', async () => {
		server.storedUpdates = storedOnServer();
		server.closeBeforeStepOne = true;
		const alice = client({ backoff: () => 60_000 });
		alice.provider.connect();
		await vi.waitFor(() => expect(alice.doc.getText('summary').toString()).toBe('one three'));
		expect(alice.doc.getMap('goals').get('g1')).toBe('two');
	});
});
