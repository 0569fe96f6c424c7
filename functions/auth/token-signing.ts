import { base64url, fromBase64url } from '../../src/lib/protocol/plan-id';
import { TOKEN_VERSION, readClaims, type Role, type TokenClaims } from '../../src/lib/protocol/token';

const encoder = new TextEncoder();

/** An HMAC-SHA256 signature is 32 bytes: exactly 43 base64url characters, unpadded. */
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/;

async function hmacKey(secret: string): Promise<CryptoKey> {
	return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

/** Signs `claims` as they are. Deterministic: the same claims give the same token. */
export async function signClaims(secret: string, claims: TokenClaims): Promise<string> {
	const body = `${TOKEN_VERSION}.${base64url(encoder.encode(JSON.stringify(claims)))}`;
	const signature = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(body));
	return `${body}.${base64url(new Uint8Array(signature))}`;
}

export interface SignOptions {
	/** The plan's token generation (see TokenClaims.gen). */
	gen?: number;
	/** Marks the plan creator's edit token. */
	own?: true;
	/** Expiry cap in seconds since the epoch: a minted token never outlives its parent. */
	notAfter?: number;
}

/** Signs claims for `planId` with `role`, valid for `ttlDays` from `now` (capped by `notAfter`). */
export async function signToken(
	secret: string,
	planId: string,
	role: Role,
	ttlDays: number,
	now = Date.now(),
	options: SignOptions = {}
): Promise<{ token: string; claims: TokenClaims }> {
	const iat = Math.floor(now / 1000);
	let exp = iat + Math.round(ttlDays * 86_400);
	if (options.notAfter !== undefined) exp = Math.min(exp, options.notAfter);
	const claims: TokenClaims = { pid: planId, role, iat, exp };
	if (options.gen !== undefined) claims.gen = options.gen;
	if (options.own) claims.own = true;
	return { token: await signClaims(secret, claims), claims };
}

export type VerifyResult =
	| { ok: true; claims: TokenClaims }
	| { ok: false; reason: 'malformed' | 'bad_signature' }
	// Genuine but past its expiry: the claims are trustworthy (the signature checked out), so
	// the caller may tell a sync client why it is refused (functions/auth/closed-socket.ts).
	| { ok: false; reason: 'expired'; claims: TokenClaims };

/**
 * Checks the signature (constant time, via WebCrypto) and the expiry. Only the canonical
 * encoding of the signature is accepted: base64url leaves spare bits in its last character,
 * so several strings decode to the same bytes, and a token must have exactly one spelling
 * (a revocation list or a log search keyed by the token string could otherwise be dodged).
 */
export async function verifyToken(secret: string, token: string, now = Date.now()): Promise<VerifyResult> {
	const claims = readClaims(token);
	if (!claims) return { ok: false, reason: 'malformed' };
	const cut = token.lastIndexOf('.');
	const encoded = token.slice(cut + 1);
	if (!SIGNATURE.test(encoded)) return { ok: false, reason: 'malformed' };
	const signature = fromBase64url(encoded);
	if (base64url(signature) !== encoded) return { ok: false, reason: 'malformed' };
	const valid = await crypto.subtle.verify('HMAC', await hmacKey(secret), signature, encoder.encode(token.slice(0, cut)));
	if (!valid) return { ok: false, reason: 'bad_signature' };
	if (claims.exp * 1000 <= now) return { ok: false, reason: 'expired', claims };
	return { ok: true, claims };
}
