import { Router } from 'express';
import type { LiveSource } from '../live/source.ts';
import type { Lease } from '../store/lease.ts';
import type { RedisHealth } from '../store/redis.ts';

export interface HealthDeps {
  readonly instanceId: string;
  readonly source: LiveSource;
  readonly lease: Lease;
  readonly redis: RedisHealth;
  readonly clock?: () => number;
}

/**
 * `GET /healthz`: 200 when Redis is up and some process reads the AMI (this one: its AMI connection is live), 503
 * otherwise; the body says which part is not. The event lag (time since the last AMI event) is reported, not judged:
 * a quiet call center sends no events for minutes, and the AMI keepalive already tells a dead link.
 */
export function healthRoutes(deps: HealthDeps): Router {
  const { instanceId, source, lease, redis, clock = Date.now } = deps;
  const router = Router();
  router.get('/', async (_request, response) => {
    const leaseHolder = redis.isUp() ? await lease.holder().catch(() => null) : null;
    const ami = source.amiStatus();
    const reading = source.isReading();
    const amiConnected = ami?.state === 'live';
    const healthy = redis.isUp() && leaseHolder !== null && (!reading || amiConnected);
    response.status(healthy ? 200 : 503).json({
      ok: healthy,
      instance: instanceId,
      leaseHolder,
      readingAmi: reading,
      ami: ami ? { connected: amiConnected, state: ami.state, lastError: ami.lastError ?? null } : null,
      redis: redis.view(),
      eventLagMs: ami?.lastEventAt === undefined ? null : clock() - ami.lastEventAt,
    });
  });
  return router;
}
