import { describe, expect, it } from 'vitest';
import { renderResidentMessage } from './resident-message.ts';

const ctx = { publicUrl: 'https://109.astana.kz', timeZone: 'Asia/Almaty' };

describe('a message to a resident', () => {
  it('announces the registration number and the status page, in each language', () => {
    const payload = { registrationNumber: '2026-000123', state: 'assigned', categoryName: 'Открытый люк' };
    expect(renderResidentMessage('registered', 'ru', payload, ctx)).toBe(
      [
        'Ваше обращение № 2026-000123 («Открытый люк») зарегистрировано.',
        'Статус: Передано исполнителю.',
        'Следить за ходом: https://109.astana.kz/t/2026-000123',
      ].join('\n'),
    );
    expect(renderResidentMessage('registered', 'kk', payload, ctx)).toMatch(
      /^Сіздің № 2026-000123 өтінішіңіз/,
    );
    expect(renderResidentMessage('registered', 'en', payload, ctx)).toMatch(/^Your appeal No\. 2026-000123/);
  });

  it('gives the outcome and how to dispute it when resolved', () => {
    const text = renderResidentMessage(
      'state_changed',
      'en',
      {
        registrationNumber: '2026-000123',
        state: 'resolved',
        categoryName: 'Open manhole',
        resolution: 'Cover replaced',
      },
      ctx,
    );
    expect(text).toContain('Status: Resolved.');
    expect(text).toContain('Outcome: Cover replaced');
    expect(text).toContain('within 3 days');
  });

  it('says why and until when a ticket is on hold, in city time', () => {
    const text = renderResidentMessage(
      'state_changed',
      'ru',
      {
        registrationNumber: '2026-000124',
        state: 'on_hold',
        categoryName: 'Повреждение дороги',
        holdReason: 'асфальтовые заводы закрыты на зиму',
        holdUntil: '2027-04-01T04:00:00.000Z',
      },
      ctx,
    );
    expect(text).toContain('Причина: асфальтовые заводы закрыты на зиму.');
    expect(text).toContain('1 апреля 2027');
    expect(text).toContain('09:00');
  });

  it('tells the author of a dismissed social post why', () => {
    expect(renderResidentMessage('post_dismissed', 'en', { reason: 'not an appeal' }, ctx)).toBe(
      'Thank you for your message. We did not register it as an appeal: not an appeal. If you need help, call 109.',
    );
  });

  it('refuses a payload that does not parse', () => {
    expect(() => renderResidentMessage('registered', 'ru', { state: 'nowhere' }, ctx)).toThrow();
  });
});
