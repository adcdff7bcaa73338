import { userRoom } from '../auth/access.ts';
import type { ServerToClientEvents } from '../contracts/realtime.contract.ts';

/** Sends typed server→client events to a room. Services get this, never the Socket.IO server itself. */
export interface Realtime {
  toRoom(room: string): {
    emit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  };
  /** Closes the sockets of a user whose access ended (a revoked wall display). */
  disconnectUser(userId: number): void;
}

/** A Realtime that records what was pushed, for tests of services without sockets. */
export function recordingRealtime(): Realtime & {
  sent: { room: string; event: string; payload: unknown }[];
} {
  const sent: { room: string; event: string; payload: unknown }[] = [];
  return {
    sent,
    disconnectUser: (userId) =>
      void sent.push({ room: userRoom(userId), event: 'disconnect', payload: null }),
    toRoom: (room) => ({
      emit: (event, ...args) => {
        sent.push({ room, event, payload: args[0] });
      },
    }),
  };
}
