// 2025-11-25 sessions shared by several replicas through Redis. A session's metadata (the initialize request:
// protocol version, client info and capabilities, and the endpoint it belongs to) is kept under
// cnmcp:session:<id>, so any replica can serve the session's next POST. Messages that must reach one replica
// travel over pub/sub: a client's answer to a server request goes back to the replica that asked
// (cnmcp:replica:<id>), a message for the session's GET stream goes to whichever replica holds that stream
// (cnmcp:session-stream:<id>), and an ended session is closed everywhere (cnmcp:session-closed).
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { openRedis } from '../fastify/redis.js';
import type { Logger } from '../logger.js';

/** Env var naming the Redis that replicas share sessions through (redis:// or rediss://). */
export const SESSION_REDIS_URL_ENV = 'CNMCP_SESSION_REDIS_URL';

export interface SessionMeta {
  /** The endpoint path the session was opened on: a session is only revived where it was created. */
  path: string;
  /** The params of the session's initialize request, replayed when another replica takes the session on. */
  initialize: Record<string, unknown>;
  /** The principal that opened the session: only it may use the session on any replica. */
  owner?: string;
}

/** What a replica does with messages routed to it; each endpoint answers for the sessions it holds. */
export interface SessionRoutes {
  /** A client's answer to a request this replica sent; false when the session is not held here. */
  deliverAnswer(sessionId: string, message: JSONRPCMessage): boolean;
  /** A message for the session's GET stream, which this replica holds. */
  deliverToStream(sessionId: string, message: JSONRPCMessage): boolean;
  /** The session ended (DELETE on some replica): drop the local copy. */
  closeLocal(sessionId: string): void;
}

const CLOSED_CHANNEL = 'cnmcp:session-closed';
const metaKey = (id: string) => `cnmcp:session:${id}`;
const replicaChannel = (replica: string) => `cnmcp:replica:${replica}`;
const streamChannel = (id: string) => `cnmcp:session-stream:${id}`;

export class SharedSessions {
  /** This process's name in request ids and channels. */
  readonly replica = randomUUID().slice(0, 8);
  private readonly routes = new Set<SessionRoutes>();
  private readonly heldStreams = new Map<string, number>();
  private readonly ready: Promise<unknown>;

  constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly logger: Logger,
  ) {
    subscriber.on('message', (channel: string, payload: string) => this.dispatch(channel, payload));
    this.ready = subscriber.subscribe(replicaChannel(this.replica), CLOSED_CHANNEL).catch((err: Error) => {
      logger.error({ err: err.message }, 'cannot subscribe to the shared session channels');
    });
  }

  addRoutes(routes: SessionRoutes): () => void {
    this.routes.add(routes);
    return () => this.routes.delete(routes);
  }

  async save(id: string, meta: SessionMeta, ttlMs: number): Promise<void> {
    await this.ready;
    await this.redis.set(metaKey(id), JSON.stringify(meta), 'PX', ttlMs);
  }

  /** The session's metadata, or undefined when it ended or expired. Throws when Redis cannot be reached. */
  async load(id: string): Promise<SessionMeta | undefined> {
    const raw = await this.redis.get(metaKey(id));
    return raw ? (JSON.parse(raw) as SessionMeta) : undefined;
  }

  /** Keeps a used session alive for another idle period (fire and forget: a failure only shortens its life). */
  touch(id: string, ttlMs: number): void {
    this.redis.pexpire(metaKey(id), ttlMs).catch(() => undefined);
  }

  async remove(id: string): Promise<void> {
    await this.redis.del(metaKey(id));
    await this.redis.publish(CLOSED_CHANNEL, id);
  }

  /** Sends a client's answer to the replica whose request it answers. */
  async forwardAnswer(replica: string, sessionId: string, message: JSONRPCMessage): Promise<void> {
    await this.redis.publish(replicaChannel(replica), JSON.stringify({ sessionId, message }));
  }

  /** Sends a message to whichever replica holds the session's GET stream (lost when none does, as on one replica). */
  async toStream(sessionId: string, message: JSONRPCMessage): Promise<void> {
    await this.redis.publish(streamChannel(sessionId), JSON.stringify(message));
  }

  holdsStream(sessionId: string): boolean {
    return (this.heldStreams.get(sessionId) ?? 0) > 0;
  }

  /** While a GET stream of the session is open here, messages published for it arrive here. */
  async holdStream(sessionId: string): Promise<() => void> {
    const count = this.heldStreams.get(sessionId) ?? 0;
    this.heldStreams.set(sessionId, count + 1);
    if (count === 0) await this.subscriber.subscribe(streamChannel(sessionId));
    return () => {
      const left = (this.heldStreams.get(sessionId) ?? 1) - 1;
      if (left > 0) return void this.heldStreams.set(sessionId, left);
      this.heldStreams.delete(sessionId);
      this.subscriber.unsubscribe(streamChannel(sessionId)).catch(() => undefined);
    };
  }

  private dispatch(channel: string, payload: string): void {
    try {
      if (channel === CLOSED_CHANNEL) {
        for (const r of this.routes) r.closeLocal(payload);
      } else if (channel === replicaChannel(this.replica)) {
        const { sessionId, message } = JSON.parse(payload) as { sessionId: string; message: JSONRPCMessage };
        for (const r of this.routes) if (r.deliverAnswer(sessionId, message)) return;
      } else if (channel.startsWith('cnmcp:session-stream:')) {
        const sessionId = channel.slice('cnmcp:session-stream:'.length);
        const message = JSON.parse(payload) as JSONRPCMessage;
        for (const r of this.routes) if (r.deliverToStream(sessionId, message)) return;
      }
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, channel }, 'a shared session message could not be delivered');
    }
  }

  close(): void {
    this.subscriber.disconnect();
    this.redis.disconnect();
  }
}

const perApp = new WeakMap<FastifyInstance, SharedSessions | null>();

/** The app's shared session store (one pair of Redis connections for all its endpoints), or null when off. */
export function sharedSessionsFor(app: FastifyInstance, logger: Logger): SharedSessions | null {
  if (perApp.has(app)) return perApp.get(app)!;
  const url = process.env[SESSION_REDIS_URL_ENV];
  let shared: SharedSessions | null = null;
  if (url) {
    const log = logger.child({ component: 'sessions' });
    shared = new SharedSessions(openRedis(url, log, 'sessions'), openRedis(url, log, 'sessions (subscriber)'), log);
    const store = shared;
    app.addHook('onClose', async () => store.close());
  }
  perApp.set(app, shared);
  return shared;
}
