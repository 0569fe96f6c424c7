/**
 * The one Worker: wrangler.toml's `main`. It routes with Hono and exports the
 * Durable Object class that holds each plan's document.
 */
import { app } from './app';

export { ArchiveStore } from './archive/archive-store';
export { PlanRoom } from './room/plan-room';
export default app;
