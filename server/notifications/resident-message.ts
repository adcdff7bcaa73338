import { z } from 'zod';
import { TICKET_STATES } from '../../workflows/ticket/ticket.types.ts';
import type { ResidentLocale } from '../contracts/common.contract.ts';
import { formatCityTime, textsIn } from '../i18n/resident-texts.ts';

/** The payload of a resident's message as stored in the outbox (parsed: JSON from the database is not trusted). */
const Payload = z.object({
  registrationNumber: z.string().nullable(),
  state: z.enum(TICKET_STATES),
  categoryName: z.string(),
  resolution: z.string().optional(),
  holdReason: z.string().optional(),
  holdUntil: z.string().optional(),
  cancelReason: z.string().optional(),
  answer: z.string().optional(),
});

/** The payload of a reply to a social post that was not taken as an appeal. */
const DismissedPayload = z.object({ reason: z.string() });

interface Words {
  dismissed: (reason: string) => string;
  registered: (n: string, category: string) => string;
  changed: (n: string, category: string) => string;
  state: (state: string) => string;
  resolution: (text: string) => string;
  dispute: string;
  hold: (reason: string, until: string | null) => string;
  reason: (text: string) => string;
  answer: (text: string) => string;
  follow: (url: string) => string;
}

const WORDS: Record<ResidentLocale, Words> = {
  ru: {
    dismissed: (r) =>
      `Спасибо за сообщение. Мы не зарегистрировали его как обращение: ${r}. Если нужна помощь, позвоните 109.`,
    registered: (n, c) => `Ваше обращение № ${n} («${c}») зарегистрировано.`,
    changed: (n, c) => `Обращение № ${n} («${c}»):`,
    state: (s) => `Статус: ${s}.`,
    resolution: (t) => `Результат: ${t}`,
    dispute: 'Если проблема не решена, сообщите нам в течение 3 суток — обращение откроют снова.',
    hold: (r, u) => `Причина: ${r}.${u ? ` Работы возобновят ${u}.` : ''}`,
    reason: (t) => `Причина: ${t}`,
    answer: (t) => `Ответ: ${t}`,
    follow: (url) => `Следить за ходом: ${url}`,
  },
  kk: {
    dismissed: (r) =>
      `Хабарламаңызға рахмет. Біз оны өтініш ретінде тіркемедік: ${r}. Көмек қажет болса, 109 нөміріне қоңырау шалыңыз.`,
    registered: (n, c) => `Сіздің № ${n} өтінішіңіз («${c}») тіркелді.`,
    changed: (n, c) => `№ ${n} өтініш («${c}»):`,
    state: (s) => `Мәртебесі: ${s}.`,
    resolution: (t) => `Нәтижесі: ${t}`,
    dispute: 'Мәселе шешілмесе, 3 тәулік ішінде хабарлаңыз — өтініш қайта ашылады.',
    hold: (r, u) => `Себебі: ${r}.${u ? ` Жұмыс ${u} жалғасады.` : ''}`,
    reason: (t) => `Себебі: ${t}`,
    answer: (t) => `Жауап: ${t}`,
    follow: (url) => `Барысын бақылау: ${url}`,
  },
  en: {
    dismissed: (r) =>
      `Thank you for your message. We did not register it as an appeal: ${r}. If you need help, call 109.`,
    registered: (n, c) => `Your appeal No. ${n} ("${c}") is registered.`,
    changed: (n, c) => `Appeal No. ${n} ("${c}"):`,
    state: (s) => `Status: ${s}.`,
    resolution: (t) => `Outcome: ${t}`,
    dispute: 'If the problem is not solved, tell us within 3 days and the appeal will be reopened.',
    hold: (r, u) => `Reason: ${r}.${u ? ` Work resumes ${u}.` : ''}`,
    reason: (t) => `Reason: ${t}`,
    answer: (t) => `Answer: ${t}`,
    follow: (url) => `Follow it here: ${url}`,
  },
};

/** Where a resident's message points: the public status page of the appeal. */
export interface MessageContext {
  /** The public address of this Komek (PUBLIC_URL), without a trailing slash. */
  publicUrl: string;
  timeZone: string;
}

/**
 * The text of a resident's message about a ticket, in their language: what happened, the details
 * that matter for that state, and the link to follow the appeal. Throws on a payload that does not parse.
 */
export function renderResidentMessage(
  kind: string,
  locale: ResidentLocale,
  payload: unknown,
  ctx: MessageContext,
): string {
  const w = WORDS[locale];
  if (kind === 'post_dismissed') return w.dismissed(DismissedPayload.parse(payload).reason);
  const p = Payload.parse(payload);
  const n = p.registrationNumber ?? '—';
  const lines = [
    kind === 'registered' ? w.registered(n, p.categoryName) : w.changed(n, p.categoryName),
    w.state(textsIn(locale).states[p.state] ?? p.state),
  ];
  if (p.answer) lines.push(w.answer(p.answer));
  if (p.resolution) lines.push(w.resolution(p.resolution), w.dispute);
  if (p.holdReason) {
    const until = p.holdUntil ? formatCityTime(new Date(p.holdUntil), locale, ctx.timeZone) : null;
    lines.push(w.hold(p.holdReason, until));
  }
  if (p.cancelReason) lines.push(w.reason(p.cancelReason));
  if (p.registrationNumber) lines.push(w.follow(`${ctx.publicUrl}/t/${p.registrationNumber}`));
  return lines.join('\n');
}
