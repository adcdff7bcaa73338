import { describe, expect, it } from 'vitest';
import { handledMessage, whoHandled } from './handled-notice.ts';
import { socialPostFactory as post } from './social-post.factory.ts';

describe('whoHandled', () => {
  it('says "you" for the viewer, the name when known, else someone', () => {
    expect(whoHandled({ handledBy: 4 }, 4, 'Dana')).toEqual({ key: 'triage.who.you' });
    expect(whoHandled({ handledBy: 5 }, 4, 'Dana')).toEqual({ name: 'Dana' });
    expect(whoHandled({ handledBy: 5 }, 4, null)).toEqual({ key: 'triage.who.someone' });
    expect(whoHandled({ handledBy: null }, null, null)).toEqual({ key: 'triage.who.someone' });
  });
});

describe('handledMessage', () => {
  it('names the appeal a converted post became', () => {
    expect(handledMessage(post({ status: 'converted', ticketId: 9 }), 'Dana', '2026-000009')).toEqual({
      key: 'triage.handled.converted',
      params: { number: '2026-000009', who: 'Dana' },
    });
  });

  it('gives the reason a post was dismissed for', () => {
    expect(
      handledMessage(post({ status: 'dismissed', dismissReason: 'Not in Astana' }), 'you', null),
    ).toEqual({
      key: 'triage.handled.dismissed',
      params: { reason: 'Not in Astana', who: 'you' },
    });
  });

  it('falls back to a plain sentence when the post cannot be found', () => {
    expect(handledMessage(null, 'you', null)).toEqual({ key: 'triage.handled.unknown', params: {} });
  });
});
