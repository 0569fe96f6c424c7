// Runs a TypeScript benchmark that imports src/lib ($lib and extensionless imports): esbuild
// (already installed with vite) bundles it into one self-contained file in the temp folder, which
// Node then imports. Usage: node tests/bench/run-ts.mjs tests/bench/metrics.ts [args]
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const entry = process.argv[2];
if (!entry) throw new Error('usage: node tests/bench/run-ts.mjs <file.ts>');
const outfile = join(mkdtempSync(join(tmpdir(), 'bench-')), 'bench.mjs');
await build({
	entryPoints: [resolve(entry)],
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	outfile,
	alias: { $lib: resolve('src/lib') },
	logLevel: 'warning'
});
await import(pathToFileURL(outfile).href);
