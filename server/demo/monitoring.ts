import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { newId } from '../access/accounts/secrets.ts';
import { hashPassword } from '../access/accounts/password.ts';
import { UserStore, type UserRecord } from '../access/accounts/users.ts';
import type { Config } from '../config.ts';
import { qualifiedName } from '../domain/endpoints.ts';
import { monitorGroups } from '../monitoring/groups.ts';
import type { Simulator } from '../sim/index.ts';
import { accessKeys, monitoringKeys } from '../store/keys.ts';

type AmiConfig = Config['ami'];

/** The demo Owner's simulated phone: every demo simulator answers it, so monitoring rings through. */
export const DEMO_PHONE = 'PJSIP/9000';
export const DEMO_EXTENSION = '9000';
/** The permission group the demo keeps: the Owner may monitor every simulated agent. */
export const DEMO_GROUP = 'Demo: all agents';

/**
 * The Owner's phone as the board names it: with several PBXs, on the first one (ChanSpy sees its own PBX only, so
 * the demo Owner monitors that PBX's agents).
 */
export function demoPhone(ami: AmiConfig): string {
  return ami.qualified ? qualifiedName(ami.endpoints[0]!.id, DEMO_PHONE) : DEMO_PHONE;
}

/** One simulated agent as the board names it: `Local/1001@agents`, or `pbx2/Local/1001@agents` with several PBXs. */
interface DemoAgent {
  readonly iface: string;
  readonly name: string;
  readonly username: string;
}

/** The agents of the demo's simulators (in the order of `ami.endpoints`), named as the board names them. */
export function demoAgents(sims: readonly Simulator[], ami: AmiConfig): DemoAgent[] {
  return sims.flatMap((sim, i) =>
    [...sim.center.sim.agents.values()].map((agent) => {
      const pbx = ami.qualified ? ami.endpoints[i]!.id : null;
      return {
        iface: pbx ? qualifiedName(pbx, agent.iface) : agent.iface,
        name: agent.name,
        username: pbx ? `${pbx}-agent${agent.ext}` : `agent${agent.ext}`,
      };
    }),
  );
}

/**
 * Makes monitoring work in the demo, at every start and through the same stores as the server: the Owner gets the
 * demo phone and the "may monitor calls" switch, each simulated agent a user holding its interface (made once, with
 * a password nobody knows: they are there to be monitored), and the demo's permission group lists them all.
 */
export async function applyDemoMonitoring(
  redis: { url: string; prefix: string },
  agents: readonly DemoAgent[],
  phone: string,
): Promise<void> {
  const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await client.connect();
    const users = new UserStore(client, accessKeys(redis.prefix));
    const ownerId = await users.ownerId();
    if (ownerId === null) throw new Error('the demo Owner is missing');
    await users.update(ownerId, { phone, extension: DEMO_EXTENSION, monitorCalls: true });
    const existing = await users.list();
    let passwordHash: string | undefined;
    const monitored: string[] = [];
    for (const agent of agents) {
      let user: UserRecord | undefined = existing.find((u) => u.interfaces.includes(agent.iface));
      if (!user) {
        const named = existing.find((u) => u.username === agent.username);
        passwordHash ??= await hashPassword(randomBytes(24).toString('base64url'));
        user = named
          ? await users.update(named.id, { interfaces: [...named.interfaces, agent.iface] })
          : await users.create({
              username: agent.username,
              displayName: agent.name,
              role: 'agent',
              interfaces: [agent.iface],
              disabled: false,
              passwordHash,
            });
      }
      monitored.push(user.id);
    }
    const groups = monitorGroups(client, monitoringKeys(redis.prefix).groups);
    const group = (await groups.list()).find((g) => g.name === DEMO_GROUP);
    const monitors = [...new Set([...(group?.monitors ?? []), ownerId])];
    await groups.put({ id: group?.id ?? newId(), name: DEMO_GROUP, monitored, monitors });
  } finally {
    client.disconnect();
  }
}
