import { z } from 'zod';
import { IsoTime, ResidentLocale } from './common.contract.ts';

/** One message to a resident about a ticket, and how its delivery went: what staff see on the ticket. */
export const Delivery = z.object({
  id: z.number().int(),
  channel: z.enum(['telegram', 'email', 'sms', 'connector']),
  /** The chat, address or phone; masked for wall displays. */
  address: z.string(),
  locale: ResidentLocale,
  kind: z.string(),
  /** The state the message announced. */
  state: z.string().nullable(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: IsoTime,
  sentAt: IsoTime.nullable(),
});
export type Delivery = z.infer<typeof Delivery>;
