// Makes sure .dev.vars holds a TOKEN_SECRET for local runs (`npm start`, `npm run dev`).
// A fresh random secret per checkout: tokens minted locally never work elsewhere.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../../.dev.vars', import.meta.url);
const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
if (!/^TOKEN_SECRET=.+$/m.test(current)) {
	const line = `TOKEN_SECRET=${randomBytes(32).toString('hex')}\n`;
	writeFileSync(file, current && !current.endsWith('\n') ? `${current}\n${line}` : current + line);
	console.log('Wrote a local TOKEN_SECRET to .dev.vars');
}
