import type { TestProject } from 'vitest/node';
import { LocalServer, buildApp, freePort, snapshotBuild } from './server';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
	}
}

/** Builds the app once and starts one shared server for the e2e project. */
export default async function setup(project: TestProject) {
	buildApp();
	// The shared server serves a copy of the build: a test that rebuilds the app (deploy.test.ts
	// builds a second version) must not pull the files from under it, whatever order files run in.
	const server = new LocalServer(await freePort(), undefined, snapshotBuild());
	await server.start();
	project.provide('baseUrl', server.url);
	return async () => {
		await server.stop();
	};
}
