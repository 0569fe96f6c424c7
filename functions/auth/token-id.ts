import { base64url } from '../../src/lib/protocol/plan-id';

/**
 * A stable id for one token that is not the token itself: the first 16 bytes of its
 * SHA-256, base64url. The plan room counts sockets and bytes per token with it (one share
 * link may not take a whole room) without ever storing a credential.
 */
export async function tokenId(token: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
	return base64url(new Uint8Array(digest).subarray(0, 16));
}
