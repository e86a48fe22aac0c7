import { io, type Socket } from 'socket.io-client';
import type { PolicyName, Role, TeamView, UserView } from '../../server/contract/accounts.ts';
import type { ChatContacts, ChatHistoryRequest, ChatMessage, ChatPage, ChatPeer } from '../../server/contract/chat.ts';
import type { ClientEvents, ServerEvents } from '../../server/contract/events.ts';
import type { Result } from '../../server/contract/result.ts';
import { ApiClient, loggedIn } from './access-app.ts';
import { TEST_OWNER } from './board-app.ts';

/**
 * A chat user as a browser is: a logged-in API client and real socket.io-client sockets, each keeping every raw
 * chat:posted payload it received, for asserting who got what.
 */
export class ChatUser {
  readonly sockets: ChatSocket[] = [];

  constructor(
    readonly name: string,
    readonly id: string,
    readonly api: ApiClient,
    private readonly url: string,
  ) {}

  /** Opens one more socket with the user's session cookie; resolves once it is connected. */
  async connect(url = this.url): Promise<ChatSocket> {
    const socket = await ChatSocket.open(url, { extraHeaders: { Cookie: this.api.cookie ?? '' } });
    this.sockets.push(socket);
    return socket;
  }

  close(): void {
    for (const socket of this.sockets) socket.close();
  }
}

export class ChatSocket {
  /** Every chat:posted payload as received. */
  readonly posted: unknown[] = [];

  private constructor(readonly socket: Socket<ServerEvents, ClientEvents>) {
    socket.on('chat:posted', (message) => this.posted.push(message));
  }

  static open(url: string, options: Parameters<typeof io>[1]): Promise<ChatSocket> {
    const socket: Socket<ServerEvents, ClientEvents> = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...options,
    });
    const chat = new ChatSocket(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(chat));
      socket.once('connect_error', reject);
    });
  }

  send(to: ChatPeer, text: string): Promise<Result<ChatMessage>> {
    return this.socket.timeout(5_000).emitWithAck('chat:send', { to, text });
  }

  history(request: ChatHistoryRequest): Promise<Result<ChatPage>> {
    return this.socket.timeout(5_000).emitWithAck('chat:history', request);
  }

  contacts(): Promise<Result<ChatContacts>> {
    return this.socket.timeout(5_000).emitWithAck('chat:contacts');
  }

  /** Sends anything under any event name, as a hostile client would; resolves with the acknowledgement. */
  raw(event: string, ...args: unknown[]): Promise<unknown> {
    const untyped = this.socket as unknown as {
      timeout(ms: number): { emitWithAck(e: string, ...a: unknown[]): Promise<unknown> };
    };
    return untyped.timeout(5_000).emitWithAck(event, ...args);
  }

  close(): void {
    this.socket.close();
  }
}

/** The Owner's API client on a test board, for making users, teams and policies the way an administrator does. */
export class ChatOrg {
  private constructor(
    readonly owner: ApiClient,
    private readonly url: string,
  ) {}

  static async of(url: string): Promise<ChatOrg> {
    return new ChatOrg(await loggedIn(url, TEST_OWNER.username, TEST_OWNER.password), url);
  }

  /** Creates a user (password `<name> password 1`) and logs them in. */
  async user(name: string, role: Exclude<Role, 'owner'> = 'agent'): Promise<ChatUser> {
    const password = `${name} password 1`;
    const created = await this.owner.call<UserView>('POST', '/api/users', {
      username: name,
      displayName: name,
      password,
      role,
    });
    if (created.status !== 201) throw new Error(`user ${name}: ${created.status} ${JSON.stringify(created.body)}`);
    return new ChatUser(name, created.body.id, await loggedIn(this.url, name, password), this.url);
  }

  async team(name: string, members: readonly ChatUser[], ...policies: PolicyName[]): Promise<TeamView> {
    const team = await this.owner.call<TeamView>('POST', '/api/teams', {
      name,
      members: members.map((member) => member.id),
    });
    if (team.status !== 201) throw new Error(`team ${name}: ${team.status} ${JSON.stringify(team.body)}`);
    for (const policy of policies) await this.owner.call('POST', '/api/policies', { policy, team: team.body.id });
    return team.body;
  }
}

export const toUser = (user: ChatUser): ChatPeer => ({ kind: 'user', id: user.id });
export const toTeam = (team: TeamView): ChatPeer => ({ kind: 'team', id: team.id });
