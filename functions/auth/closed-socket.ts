import { CloseCode } from '../../src/lib/protocol/close-codes';
import { SYNC_PROTOCOL } from '../../src/lib/protocol/sync-auth';

/**
 * Answers a WebSocket upgrade with a socket that is closed at once with 4401 and `reason`.
 * Browsers hide an HTTP 401 on an upgrade from the page (the socket just fails with 1006), so a
 * client whose genuine token expired or was revoked would retry forever without knowing why; a
 * close code reaches it, and 4401 is final for the client (it stops and says why). Only used for
 * tokens whose signature and plan checked out: forged or malformed tokens still get a plain 401,
 * so nothing beyond "refused" is told to someone who never held a real link.
 */
export function closedSocket(req: Request, reason: string): Response {
	const pair = new WebSocketPair();
	const [client, server] = [pair[0], pair[1]];
	server.accept();
	// Close reasons are at most 123 bytes; ours are short English sentences.
	server.close(CloseCode.UNAUTHORIZED, reason.slice(0, 120));
	// A browser that offered subprotocols fails the connection (1006, no code) unless one is echoed.
	const offered = (req.headers.get('Sec-WebSocket-Protocol') ?? '').split(',').some((p) => p.trim() === SYNC_PROTOCOL);
	return new Response(null, {
		status: 101,
		webSocket: client,
		headers: offered ? { 'Sec-WebSocket-Protocol': SYNC_PROTOCOL } : {}
	});
}

export function isUpgrade(req: Request): boolean {
	return req.headers.get('Upgrade')?.toLowerCase() === 'websocket';
}
