import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// `npm run dev` runs the Worker on WORKER_PORT; Vite proxies the API and sync sockets to it.
const worker = `127.0.0.1:${process.env.WORKER_PORT ?? '8788'}`;

export default defineConfig({
	plugins: [sveltekit()],
	server: {
		proxy: {
			'/api': `http://${worker}`,
			'/sync': { target: `ws://${worker}`, ws: true }
		}
	}
});
