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
		serviceWorker: { register: false }
	}
};

export default config;
