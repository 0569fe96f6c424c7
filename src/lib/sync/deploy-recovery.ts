import { updated } from '$app/state';

/**
 * A tab left open across a deploy: its lazily loaded chunks (the Execution/Cockpit/Reviews
 * areas, Chart.js) are gone from the server, so the first time it needs one the import fails.
 * When that happens and the server runs a newer build (SvelteKit's `updated.check()` reads
 * /_app/version.json), the tab reloads itself into the new build — after every open local copy
 * (IndexedDB) has committed its writes, so a reload never drops an edit. An import that fails
 * while the build is current (offline, before the chunk was ever cached) is left to the caller
 * to report. Client-side navigations after `kit.version.pollInterval` noticed a new build
 * become full page loads the same way (see +layout.svelte).
 */

const flushers = new Set<() => Promise<void>>();
/** sessionStorage key: when this tab last reloaded for a deploy (guards against a reload loop). */
const LAST_RELOAD_KEY = 'sales-plan:deploy-reload-at';
const LOOP_GUARD_MS = 60_000;

/** Registers work that must finish before the page is reloaded; returns the unregister function. */
export function beforeDeployReload(flush: () => Promise<void>): () => void {
	flushers.add(flush);
	return () => flushers.delete(flush);
}

/**
 * Loads `href` (default: this page) from the server once local writes are committed. An
 * automatic reload (`guard`) is skipped — false — if this tab did one within the last minute:
 * a server that keeps missing chunks must not put the tab in a reload loop.
 */
export async function reloadIntoNewBuild(href = location.href, guard = true): Promise<boolean> {
	if (guard) {
		const last = Number(sessionStorage.getItem(LAST_RELOAD_KEY) ?? 0);
		if (Date.now() - last < LOOP_GUARD_MS) return false;
		sessionStorage.setItem(LAST_RELOAD_KEY, String(Date.now()));
	}
	await Promise.allSettled([...flushers].map((flush) => flush()));
	location.assign(href);
	return true;
}

/** A chunk failed to load: reload into the new build if there is one. */
export async function recoverFromMissingChunk(): Promise<boolean> {
	const newer = await updated.check().catch(() => false);
	return newer ? reloadIntoNewBuild() : false;
}

/**
 * Vite announces a failed lazy import with `vite:preloadError` — but only when the rejection
 * reaches its preload wrapper. The build puts `import(…).then(ok, fail)` inside the wrapper
 * whole, so an import with its own rejection handler never fires the event: such a handler
 * must call recoverFromMissingChunk itself (the plan page's areas do). The event is not
 * cancelled: the caller still sees its error (and shows it if no reload follows).
 */
export function installDeployRecovery(): () => void {
	const onPreloadError = () => void recoverFromMissingChunk();
	window.addEventListener('vite:preloadError', onPreloadError);
	return () => window.removeEventListener('vite:preloadError', onPreloadError);
}
