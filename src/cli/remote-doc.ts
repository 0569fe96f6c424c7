import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode } from '../lib/protocol/close-codes';
import type { PlanDocName } from '../lib/protocol/routes';
import { SyncProvider, type ProviderState } from '../lib/sync/sync-provider';
import type { Connection } from './args';
import { CliError } from './errors';

/** Give up when the server has not answered (or confirmed what we sent) by then. */
const TIMEOUT_MS = 60_000;
/**
 * Before the first sync, give up after this many failed connection attempts: a server that is
 * down, or refuses the upgrade (a bad token answered with HTTP 401), never gets better by waiting.
 */
const MAX_INITIAL_FAILURES = 3;

export interface RemoteDoc {
	doc: Y.Doc;
	/**
	 * Resolves once the server confirmed every local edit as stored (SyncProvider's probes).
	 * `extraMs` extends the wait: a large import is one update the server applies and stores
	 * before it answers (100k deals: tens of MB, minutes on a busy machine).
	 */
	flush(extraMs?: number): Promise<void>;
	close(): void;
}

function describeClose(code: number, reason: string): string {
	if (code === CloseCode.UNAUTHORIZED) return `the server refused the token (${reason || 'unauthorized'})`;
	return `the server closed the connection: ${code} ${reason}`.trim();
}

/**
 * One document of a plan, synced with the server as any client does (the app's SyncProvider on
 * Node's global WebSocket): resolves after the initial sync, so the doc holds the server's copy.
 */
export async function openRemoteDoc(connection: Connection, docName: PlanDocName): Promise<RemoteDoc> {
	const doc = new Y.Doc();
	const awareness = new Awareness(doc);
	// A command-line client has no presence to show.
	awareness.setLocalState(null);
	let state: ProviderState = { status: 'offline', unsent: 0, fatal: null, refused: null, full: null };
	let failures = 0;
	const waiters = new Set<() => void>();
	const provider = new SyncProvider({
		serverUrl: connection.syncUrl,
		planId: connection.planId,
		docName,
		token: connection.token,
		doc,
		awareness,
		// Retry soon: the overall timeout bounds the wait, not a growing backoff.
		backoff: () => 500,
		onState: (next) => {
			if (next.status === 'offline' && state.status !== 'offline') failures++;
			state = next;
			for (const wake of waiters) wake();
		}
	});
	const until = (done: (s: ProviderState) => boolean, what: string, maxFailures = Infinity, timeoutMs = TIMEOUT_MS) =>
		new Promise<void>((resolve, reject) => {
			const timer = setTimeout(
				() => finish(new CliError(`no answer from ${connection.syncUrl} (${what}) within ${Math.round(timeoutMs / 1000)} s`)),
				timeoutMs
			);
			const check = () => {
				if (state.fatal) finish(new CliError(describeClose(state.fatal.code, state.fatal.reason)));
				else if (state.refused) finish(new CliError(describeClose(state.refused.code, state.refused.reason)));
				else if (failures >= maxFailures)
					finish(new CliError(`cannot connect to ${connection.syncUrl} (${failures} attempts; is the server running and the token valid?)`));
				else if (done(state)) finish(null);
			};
			const finish = (err: Error | null) => {
				clearTimeout(timer);
				waiters.delete(check);
				if (err) reject(err);
				else resolve();
			};
			waiters.add(check);
			check();
		});
	const synced = (s: ProviderState) => s.status === 'synced' && s.unsent === 0;
	provider.connect();
	try {
		await until(synced, 'initial sync', MAX_INITIAL_FAILURES);
	} catch (err) {
		provider.destroy();
		throw err;
	}
	return {
		doc,
		flush: (extraMs = 0) => until(synced, 'confirming the import is stored', Infinity, TIMEOUT_MS + extraMs),
		close: () => {
			provider.destroy();
			doc.destroy();
		}
	};
}
