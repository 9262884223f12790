import autocannon from 'autocannon';

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Drives `url` with autocannon: `connections` in parallel for `seconds`, or `amount` requests in all. */
export async function load(options: {
  url: string;
  connections: number;
  seconds?: number;
  amount?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Bodies (POST) or paths (GET), taken in turn. */
  bodies?: string[];
  paths?: string[];
}): Promise<LoadResult> {
  const requests = options.paths
    ? options.paths.map((path) => ({ method: options.method ?? 'GET', path }))
    : options.bodies
      ? options.bodies.map((body) => ({ method: options.method ?? 'POST', body }))
      : undefined;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds ?? 10 }),
    method: options.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...options.headers },
    ...(requests ? { requests } : {}),
  });
  return {
    requests: result.requests.total,
    perSecond: result.requests.total / (result.duration || 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
