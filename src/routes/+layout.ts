// Static-first: the app is a client-rendered shell served from the assets binding;
// every plan lives in the browser (IndexedDB) and syncs over /sync.
export const ssr = false;
export const prerender = false;
