// Makes sure .dev.vars holds a TOKEN_SECRET for local runs (`npm start`, `npm run dev`).
// A fresh random secret per checkout: tokens minted locally never work elsewhere. The file
// is a secret: readable by its owner only (0600), also when it already existed. A secret
// shorter than the Worker's minimum (32 characters) is replaced.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

const MIN_SECRET_LENGTH = 32; // functions/auth/require-token.ts
const file = new URL(process.env.DEV_VARS_FILE ?? '../../.dev.vars', import.meta.url);
const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
const secret = /^TOKEN_SECRET=(.*)$/m.exec(current)?.[1]?.trim() ?? '';
if (secret.length < MIN_SECRET_LENGTH) {
	const line = `TOKEN_SECRET=${randomBytes(32).toString('hex')}`;
	const rest = current.replace(/^TOKEN_SECRET=.*(\n|$)/m, '');
	writeFileSync(file, `${rest}${rest && !rest.endsWith('\n') ? '\n' : ''}${line}\n`, { mode: 0o600 });
	console.log('Wrote a local TOKEN_SECRET to .dev.vars');
}
chmodSync(file, 0o600);
