/**
 * How a WebSocket carries its access token: as a subprotocol, never in the URL (URLs end up
 * in logs, browser history and proxies). Browsers cannot set headers on a WebSocket, but
 * they can offer subprotocols: `new WebSocket(url, syncProtocols(token))` sends
 * `Sec-WebSocket-Protocol: plan-sync.v1, token.<token>` and the server answers with
 * `plan-sync.v1` (a browser fails the connection unless one offered protocol is echoed).
 * Tokens are `v1.<base64url>.<base64url>`, all valid subprotocol characters.
 */
export const SYNC_PROTOCOL = 'plan-sync.v1';
export const TOKEN_PROTOCOL_PREFIX = 'token.';

export function syncProtocols(token: string): string[] {
	return [SYNC_PROTOCOL, TOKEN_PROTOCOL_PREFIX + token];
}

/** The token offered in a `Sec-WebSocket-Protocol` header, or null. */
export function tokenFromProtocols(header: string | null | undefined): string | null {
	if (!header) return null;
	for (const part of header.split(',')) {
		const protocol = part.trim();
		if (protocol.startsWith(TOKEN_PROTOCOL_PREFIX)) return protocol.slice(TOKEN_PROTOCOL_PREFIX.length);
	}
	return null;
}
