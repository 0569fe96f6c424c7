import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { syncProtocols } from '../../src/lib/protocol/sync-auth';

/** Registers a plan over HTTP and returns its tokens. */
export async function registerPlan(baseUrl: string, title = 'Integration plan') {
	const res = await fetch(`${baseUrl}/api/plans`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ title })
	});
	if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
	return (await res.json()) as { planId: string; tokens: { edit: string; view: string } };
}

/**
 * The stock y-websocket client, unmodified, as the issue requires. Its `protocols` option
 * carries the token as a WebSocket subprotocol (tokens in the URL are refused).
 */
export function stockClient(baseUrl: string, planId: string, token: string) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + '/sync', planId, doc, {
		protocols: syncProtocols(token),
		maxBackoffTime: 500,
		// Clients share one process here: without this, y-websocket would pass updates
		// between them over BroadcastChannel, bypassing the server under test.
		disableBc: true
	});
	return { doc, provider };
}

export async function waitFor(check: () => boolean, timeout = 10_000, what = 'condition'): Promise<void> {
	const deadline = Date.now() + timeout;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

export function onceSynced(provider: WebsocketProvider): Promise<void> {
	if (provider.synced) return Promise.resolve();
	return new Promise((resolve) => provider.once('sync', (synced: boolean) => synced && resolve()));
}
