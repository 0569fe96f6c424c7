import adapter from '@sveltejs/adapter-cloudflare';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// The adapter reads its own wrangler file: the real wrangler.toml's `main` is our
		// Worker (functions/worker.ts), which the adapter would otherwise overwrite with
		// SvelteKit's generated worker. The app is static (ssr off, SPA fallback), so the
		// generated worker is written next to the assets and never deployed.
		adapter: adapter({
			config: 'functions/sveltekit.wrangler.toml',
			// `vite dev` emulates platform bindings from this file too (the UI needs none).
			platformProxy: { configPath: 'functions/sveltekit.wrangler.toml' }
		}),
		serviceWorker: { register: false },
		// Tablets stay open for days: notice a deploy so the next navigation loads the new
		// build (src/lib/sync/deploy-recovery.ts). A failed lazy import checks at once.
		version: { pollInterval: 5 * 60_000 },
		// Content policy of the HTML, as a <meta> tag with the hash of SvelteKit's inline
		// bootstrap script: no other script runs, nothing loads from another origin. The Worker
		// adds what a <meta> policy cannot say (frame-ancestors 'none') as a header
		// (functions/security-headers.ts). Styles allow inline: Svelte writes static style=""
		// attributes through template HTML and SvelteKit's route announcer has one; styles
		// cannot run script.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				// 'self' covers same-origin ws:/wss: (the sync sockets) in CSP Level 3.
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
