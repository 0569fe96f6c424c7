import type { TestProject } from 'vitest/node';
import { LocalServer, buildApp, freePort } from './server';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
	}
}

/** Builds the app once and starts one shared server for the e2e project. */
export default async function setup(project: TestProject) {
	buildApp();
	const server = new LocalServer(await freePort());
	await server.start();
	project.provide('baseUrl', server.url);
	return async () => {
		await server.stop();
	};
}
