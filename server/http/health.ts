import { Router } from 'express';
import type { Installation } from '../access/installation.ts';
import type { LiveSource } from '../live/source.ts';
import type { Lease } from '../store/lease.ts';
import type { RedisHealth } from '../store/redis.ts';

export interface HealthDeps {
  readonly instanceId: string;
  readonly source: LiveSource;
  readonly lease: Lease;
  readonly redis: RedisHealth;
  readonly installation: Installation;
  readonly clock?: () => number;
}

/**
 * `GET /healthz`: 200 when Redis is up and some process reads the AMI (this one: its AMI connection is live), 503
 * otherwise (every PBX connected); the body says which part is not, per PBX. The event lag (time since the last AMI event) is reported, not judged:
 * a quiet call center sends no events for minutes, and the AMI keepalive already tells a dead link. So are Redis's
 * persistence and a loss of its data (`installation`): the board still shows live calls then, and a balancer that took
 * every process out of service would make it worse.
 */
export function healthRoutes(deps: HealthDeps): Router {
  const { instanceId, source, lease, redis, installation, clock = Date.now } = deps;
  const router = Router();
  router.get('/', async (_request, response) => {
    const leaseHolder = redis.isUp() ? await lease.holder().catch(() => null) : null;
    if (redis.isUp()) await installation.check().catch(() => undefined);
    const statuses = source.amiStatus();
    const reading = source.isReading();
    const endpoints = [...(statuses ?? [])].map(([id, status]) => ({
      id,
      connected: status.state === 'live',
      state: status.state,
      lastError: status.lastError ?? null,
      eventLagMs: status.lastEventAt === undefined ? null : clock() - status.lastEventAt,
    }));
    const amiConnected = endpoints.every((endpoint) => endpoint.connected);
    const healthy = redis.isUp() && leaseHolder !== null && (!reading || amiConnected);
    const lags = endpoints.flatMap((endpoint) => (endpoint.eventLagMs === null ? [] : [endpoint.eventLagMs]));
    response.status(healthy ? 200 : 503).json({
      ok: healthy,
      instance: instanceId,
      leaseHolder,
      readingAmi: reading,
      ami: statuses ? { connected: amiConnected, endpoints } : null,
      redis: redis.view(),
      installation: installation.view(),
      eventLagMs: lags.length === 0 ? null : Math.min(...lags),
    });
  });
  return router;
}
