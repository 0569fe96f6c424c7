import { i18n } from '$lib/i18n/i18n.svelte';

// Static-first: the app is a client-rendered shell served from the assets binding;
// every plan lives in the browser (IndexedDB) and syncs over /sync.
export const ssr = false;
export const prerender = false;

// The shown language's messages are a chunk of their own: wait for them before the first render.
export const load = async () => {
	await i18n.ready();
};
