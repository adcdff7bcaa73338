import { AcknowledgeAlert } from '../contracts/alert.contract.ts';
import { parse } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { answer, type SocketHandlers } from '../realtime/socket-server.ts';
import type { AlertService } from './alert.service.ts';

/** Alert commands over Socket.IO: `alert:acknowledge` from a console or the wall's supervisor. */
export function alertSocketHandlers(alerts: AlertService, logger: Logger): SocketHandlers {
  return (socket) => {
    socket.on('alert:acknowledge', (request, ack) => {
      if (typeof ack !== 'function') return;
      void answer(ack, logger, () =>
        alerts.acknowledge(socket.data.user, parse(AcknowledgeAlert, request).alertId),
      );
    });
  };
}
