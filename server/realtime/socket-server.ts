import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { roomsFor, userRoom } from '../auth/access.ts';
import { readCookie, SESSION_COOKIE } from '../auth/cookies.ts';
import type { SessionService } from '../auth/session.service.ts';
import type { SessionUser } from '../contracts/auth.contract.ts';
import type { Ack } from '../contracts/common.contract.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../contracts/realtime.contract.ts';
import { DomainError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Realtime } from './realtime.ts';

interface SocketData {
  user: SessionUser;
}

/** The typed Socket.IO server. */
export type KomekIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** A socket of a logged-in user. */
export type KomekSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

/** A feature's socket command handlers, registered on every new connection. */
export type SocketHandlers = (socket: KomekSocket) => void;

/**
 * Socket.IO on the HTTP server: the session cookie is checked once at the handshake, then the socket
 * joins the rooms its user may see and gets each feature's handlers. Returns the server and the
 * Realtime sender that services use.
 */
export function createSocketServer(
  httpServer: HttpServer,
  sessions: SessionService,
  logger: Logger,
): {
  io: KomekIo;
  realtime: Realtime;
  addHandlers(handlers: SocketHandlers): void;
} {
  const io: KomekIo = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
  const features: SocketHandlers[] = [];

  io.use(async (socket, next) => {
    try {
      const user = await sessions.userForToken(readCookie(socket.handshake.headers.cookie, SESSION_COOKIE));
      if (!user)
        return next(Object.assign(new Error('unauthenticated'), { data: { code: 'unauthenticated' } }));
      socket.data.user = user;
      next();
    } catch (err) {
      logger.error({ err }, 'socket handshake failed');
      next(new Error('internal'));
    }
  });

  io.on('connection', (socket) => {
    const { user } = socket.data;
    void socket.join([...roomsFor(user), userRoom(user.id)]);
    logger.debug({ userId: user.id, role: user.role }, 'socket connected');
    for (const register of features) register(socket);
    socket.onAny((event: string, ...args: unknown[]) => refuseUnknown(socket, event, args));
  });

  const realtime: Realtime = {
    toRoom: (room) => ({ emit: (event, ...args) => io.to(room).emit(event, ...args) }),
    disconnectUser: (userId) => io.in(userRoom(userId)).disconnectSockets(true),
  };
  return { io, realtime, addHandlers: (handlers) => features.push(handlers) };
}

/**
 * Answers a command no feature handles (a made-up `room:join`, a server→client fact sent back) with a
 * typed refusal instead of silence, so a client never waits out its timeout, and nothing is relayed.
 */
function refuseUnknown(socket: KomekSocket, event: string, args: readonly unknown[]): void {
  if (socket.listeners(event as keyof ClientToServerEvents).length > 0) return;
  const ack = args.at(-1);
  if (typeof ack !== 'function') return;
  (ack as (result: Ack<never>) => void)({
    ok: false,
    error: { code: 'unknown_command', message: 'The server has no such command.' },
  });
}

/** Runs a command handler and turns its result or domain error into the typed ack. */
export async function answer<T>(
  ack: (result: Ack<T>) => void,
  logger: Logger,
  run: () => Promise<T>,
): Promise<void> {
  try {
    ack({ ok: true, data: await run() });
  } catch (err) {
    if (err instanceof DomainError) {
      ack({
        ok: false,
        error: { code: err.code, message: err.message, ...(err.fields && { fields: err.fields }) },
      });
    } else {
      logger.error({ err }, 'socket command failed');
      ack({
        ok: false,
        error: { code: 'internal', message: 'The command failed on the server; it has been logged.' },
      });
    }
  }
}
