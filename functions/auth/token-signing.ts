import { base64url, fromBase64url } from '../../src/lib/protocol/plan-id';
import { TOKEN_VERSION, readClaims, type Role, type TokenClaims } from '../../src/lib/protocol/token';

const encoder = new TextEncoder();

async function hmacKey(secret: string): Promise<CryptoKey> {
	return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
		'sign',
		'verify'
	]);
}

/** Signs claims for `planId` with `role`, valid for `ttlDays` from `now`. */
export async function signToken(
	secret: string,
	planId: string,
	role: Role,
	ttlDays: number,
	now = Date.now()
): Promise<{ token: string; claims: TokenClaims }> {
	const iat = Math.floor(now / 1000);
	const claims: TokenClaims = { pid: planId, role, iat, exp: iat + Math.round(ttlDays * 86_400) };
	const body = `${TOKEN_VERSION}.${base64url(encoder.encode(JSON.stringify(claims)))}`;
	const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(body));
	return { token: `${body}.${base64url(new Uint8Array(signature))}`, claims };
}

export type VerifyResult =
	| { ok: true; claims: TokenClaims }
	| { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/** Checks the signature (constant time, via WebCrypto) and the expiry. */
export async function verifyToken(secret: string, token: string, now = Date.now()): Promise<VerifyResult> {
	const claims = readClaims(token);
	if (!claims) return { ok: false, reason: 'malformed' };
	const cut = token.lastIndexOf('.');
	let signature: Uint8Array;
	try {
		signature = fromBase64url(token.slice(cut + 1));
	} catch {
		return { ok: false, reason: 'malformed' };
	}
	const valid = await crypto.subtle.verify(
		'HMAC',
		await hmacKey(secret),
		signature,
		encoder.encode(token.slice(0, cut))
	);
	if (!valid) return { ok: false, reason: 'bad_signature' };
	if (claims.exp * 1000 <= now) return { ok: false, reason: 'expired' };
	return { ok: true, claims };
}
