import type { ServerToClientEvents } from '../contracts/realtime.contract.ts';

/** Sends typed server→client events to a room. Services get this, never the Socket.IO server itself. */
export interface Realtime {
  toRoom(room: string): {
    emit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  };
}

/** A Realtime that records what was pushed, for tests of services without sockets. */
export function recordingRealtime(): Realtime & {
  sent: { room: string; event: string; payload: unknown }[];
} {
  const sent: { room: string; event: string; payload: unknown }[] = [];
  return {
    sent,
    toRoom: (room) => ({
      emit: (event, ...args) => {
        sent.push({ room, event, payload: args[0] });
      },
    }),
  };
}
