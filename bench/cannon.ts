// autocannon in its own process, so the load generator does not share the event loop
// with the handlers it measures. Prints one JSON line with the figures.
//   tsx bench/cannon.ts '{"url":"http://127.0.0.1:1234/applications","connections":10,"seconds":3,"run":"a1"}'

import autocannon from 'autocannon';
import { applicationBody } from './samples.ts';

interface Args {
  url: string;
  connections: number;
  seconds: number;
  run: string;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
let n = 0;
const result = await autocannon({
  url: args.url,
  connections: args.connections,
  duration: args.seconds,
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      setupRequest: (request) => ({ ...request, body: JSON.stringify(applicationBody(args.run, n++)) }),
    },
  ],
});
process.stdout.write(
  `${JSON.stringify({
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statusCodes: result.statusCodeStats,
  })}\n`,
);
