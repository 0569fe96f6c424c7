import { spawn } from 'node:child_process';

export interface PlanRun {
	code: number | null;
	stdout: string;
	stderr: string;
}

/**
 * `npm run plan -- …` as a user runs it (npm puts the project's Node 22 on the PATH); `env` adds
 * variables, e.g. PLAN_DEAL_SHARD_THRESHOLD.
 */
export function runPlan(args: readonly string[], env: Record<string, string> = {}): Promise<PlanRun> {
	return new Promise((resolve, reject) => {
		const child = spawn('npm', ['run', '--silent', 'plan', '--', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

/** The JSON summary a command prints as its last stdout line. */
export const lastLine = (text: string) => JSON.parse(text.trim().split('\n').at(-1) ?? 'null') as Record<string, unknown>;
