/// <reference types="@cloudflare/vitest-plugin/types" />
import type { UndeclaredVars } from '../../functions/env';

// `env` from cloudflare:test is Cloudflare.Env: the generated bindings
// (functions/worker-configuration.d.ts) plus the vars vitest.config.ts sets.
declare global {
	namespace Cloudflare {
		interface Env extends UndeclaredVars {}
	}
}
