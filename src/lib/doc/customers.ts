import { PERSONA_SPEC, SEGMENT_SPEC } from '../domain/plan/section-specs';
import type { Persona, Segment } from '../domain/plan/types';
import { recordList } from './record-list';
import { planRoots } from './schema';

/** Personas and segments; the four tiers' criteria and strategy are collaborative texts (schema.ts). */
export const personas = recordList<Persona>({
	root: (doc) => planRoots(doc).personas,
	spec: PERSONA_SPEC,
	prefix: 'p',
	blank: () => ({ name: '', role: '', needs: '', painPoints: '', decisionRole: '' })
});

export const segments = recordList<Segment>({
	root: (doc) => planRoots(doc).segments,
	spec: SEGMENT_SPEC,
	prefix: 'sg',
	blank: () => ({ name: '', dimension: 'geography', description: '' })
});
