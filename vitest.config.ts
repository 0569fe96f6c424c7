import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const lib = fileURLToPath(new URL('./src/lib', import.meta.url));

export default defineConfig({
	test: {
		projects: [
			{
				// Pure code: domain metrics, doc schema, protocol codecs, convergence.
				resolve: { alias: { $lib: lib } },
				// Property and convergence runs take seconds of CPU; on a shared 2-core machine under a
				// full parallel run they can pass 5 s. A timeout is a hang guard, not a speed check.
				test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 }
			},
			{
				// The Worker and PlanRoom inside real workerd.
				resolve: { alias: { $lib: lib } },
				plugins: [
					cloudflareTest({
						wrangler: { configPath: './wrangler.toml' },
						miniflare: {
							bindings: {
								TOKEN_SECRET: 'test-secret-for-workerd-tests-0123456789',
								RATE_LIMIT_BURST: '1000',
								RATE_LIMIT_PER_SECOND: '10',
								MAX_CONNECTIONS_PER_ROOM: '8',
								EDITOR_RESERVED_CONNECTIONS: '2',
								MAX_CONNECTIONS_PER_TOKEN: '5',
								MAX_DOC_BYTES: String(5 * 1024 * 1024),
								MAX_DOC_ITEMS: '20000',
								EDITOR_SHARE_BYTES: String(3.5 * 1024 * 1024)
							}
						}
					})
				],
				test: { name: 'workers', include: ['tests/workers/**/*.test.ts'] }
			},
			{
				// A real `npm start` server (wrangler dev + workerd) and headless Chromium.
				resolve: { alias: { $lib: lib } },
				test: {
					name: 'e2e',
					include: ['tests/integration/**/*.test.ts', 'tests/browser/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/harness/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 180_000,
					fileParallelism: false
				}
			}
		]
	}
});
