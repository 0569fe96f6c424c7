import { LEAD_SOURCE_SPEC } from '../domain/plan/section-specs';
import type { LeadSource } from '../domain/plan/types';
import { recordList } from './record-list';
import { planRoots } from './schema';

/** Where leads come from (content, events, referral rewards…); goals may link to them (the R of SMART). */
export const leadSources = recordList<LeadSource>({
	root: (doc) => planRoots(doc).leadSources,
	spec: LEAD_SOURCE_SPEC,
	prefix: 'ls',
	blank: () => ({ kind: 'content', description: '', expectedLeads: null })
});
