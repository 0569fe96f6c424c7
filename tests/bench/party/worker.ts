// The y-partyserver baseline of `npm run bench:sync`: a stock YServer room (no persistence, no
// options), served by wrangler dev like our server. Never deployed; not in the product's wrangler.toml.
import { routePartykitRequest } from 'partyserver';
import { YServer } from 'y-partyserver';

export class YRoom extends YServer {}

export default {
	async fetch(request: Request, env: Record<string, unknown>): Promise<Response> {
		// ws://host/parties/y-room/<room> (the binding's name in kebab case).
		return (await routePartykitRequest(request, env)) ?? new Response('not found', { status: 404 });
	}
};
