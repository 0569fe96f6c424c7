import { fromBase64url } from './plan-id';

/**
 * Access tokens: `v1.<base64url(JSON claims)>.<base64url(HMAC-SHA256)>`.
 * The Worker signs and verifies (functions/auth); the client only reads the claims
 * (role, expiry) to show them — it never trusts them for access.
 */
export type Role = 'edit' | 'view';

export interface TokenClaims {
	/** Plan id the token opens. */
	pid: string;
	role: Role;
	/** Expiry, seconds since the epoch. */
	exp: number;
	/** Issued at, seconds since the epoch. */
	iat: number;
	/**
	 * The plan's token generation when this token was signed (absent in older tokens: 0).
	 * The owner bumps the plan's generation to revoke every token signed before.
	 */
	gen?: number;
	/** Set only on the plan creator's edit token: the owner may revoke links. */
	own?: true;
}

/** The generation a token was signed in (tokens from before generations existed: 0). */
export function tokenGeneration(claims: TokenClaims): number {
	return claims.gen ?? 0;
}

export const TOKEN_VERSION = 'v1';

export function isRole(value: unknown): value is Role {
	return value === 'edit' || value === 'view';
}

export function isTokenClaims(value: unknown): value is TokenClaims {
	if (typeof value !== 'object' || value === null) return false;
	const c = value as Record<string, unknown>;
	return (
		typeof c.pid === 'string' &&
		isRole(c.role) &&
		Number.isSafeInteger(c.exp) &&
		Number.isSafeInteger(c.iat) &&
		(c.gen === undefined || (Number.isSafeInteger(c.gen) && (c.gen as number) >= 0)) &&
		(c.own === undefined || c.own === true)
	);
}

/** Reads the claims without checking the signature; null when the token is malformed. */
export function readClaims(token: string): TokenClaims | null {
	const parts = token.split('.');
	if (parts.length !== 3 || parts[0] !== TOKEN_VERSION) return null;
	try {
		const json = new TextDecoder().decode(fromBase64url(parts[1] ?? ''));
		const claims: unknown = JSON.parse(json);
		return isTokenClaims(claims) ? claims : null;
	} catch {
		return null;
	}
}
