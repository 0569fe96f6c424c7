// Lint: typescript-eslint's recommended rules for TypeScript, eslint-plugin-svelte's for
// components (Svelte 5 runes), and eslint-config-prettier last so no rule argues with the
// formatter (`npm run lint` also runs `prettier --check`).
import prettier from 'eslint-config-prettier';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// ESLint's own recommended rules, read from the rules' metadata: the same set @eslint/js exports,
// without another dependency.
const eslintRecommended = {
	rules: Object.fromEntries([...builtinRules].filter(([, rule]) => rule.meta?.docs?.recommended).map(([name]) => [name, 'error']))
};

export default ts.config(
	{ ignores: ['.svelte-kit/', '.wrangler/', 'build/', 'node_modules/', 'test-results/', 'functions/worker-configuration.d.ts'] },
	eslintRecommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			// No type information: the recommended rules do not need it, and it would triple the run.
			parserOptions: { extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	{
		files: ['**/*.svelte', 'src/routes/**/*.ts'],
		rules: {
			// The app is served at the origin's root (no kit.paths.base) and its links are built
			// from plan ids, so resolve() would return the same strings; nothing to catch here.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		rules: {
			// TypeScript already reports undefined names, with the right globals per tsconfig
			// (DOM for the app, workers types for functions/); ESLint's copy only misfires on types.
			'no-undef': 'off',
			// An empty catch is how this code says "a failure here changes nothing" (storage, a
			// closed socket); other empty blocks are still reported.
			'no-empty': ['error', { allowEmptyCatch: true }],
			// `interface Env extends Generated {}` is how a global interface is augmented.
			'@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
			// `_`-prefixed names are deliberately unused (a destructured field left out, a callback's first argument).
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }]
		}
	}
);
