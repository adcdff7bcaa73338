import { SyncRequest } from '../contracts/realtime.contract.ts';
import { parse } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { answer, type SocketHandlers } from '../realtime/socket-server.ts';
import type { TicketService } from './ticket.service.ts';

/** Ticket commands over Socket.IO: `sync:since` replays what a reconnecting client missed. */
export function ticketSocketHandlers(tickets: TicketService, logger: Logger): SocketHandlers {
  return (socket) => {
    socket.on('sync:since', (request, ack) => {
      if (typeof ack !== 'function') return;
      void answer(ack, logger, () =>
        tickets.changesSince(socket.data.user, parse(SyncRequest, request).sinceSeq),
      );
    });
  };
}
