// Runs src/cli/plan.ts (`npm run plan -- …`): esbuild (installed with vite) bundles it with its
// src/lib imports into one file in the temp folder, which Node then runs. Node's own type
// stripping cannot resolve `$lib` or extensionless imports, hence the bundle (as tests/bench/run-ts.mjs).
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outfile = join(mkdtempSync(join(tmpdir(), 'plan-cli-')), 'plan.mjs');
await build({
	entryPoints: [join(root, 'src/cli/plan.ts')],
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node22',
	outfile,
	alias: { $lib: join(root, 'src/lib') },
	logLevel: 'warning'
});
await import(pathToFileURL(outfile).href);
