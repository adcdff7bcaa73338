import type { SocialPost } from '#contracts/social.contract.ts';

/** A valid queued post for tests; override only what the test is about. */
export function socialPostFactory(overrides: Partial<SocialPost> = {}): SocialPost {
  return {
    id: 1,
    source: 'instagram',
    externalId: 'ig-1',
    kind: 'mention',
    authorHandle: '@aigerim',
    authorName: 'Aigerim B.',
    text: '#astana109 Открытый люк у школы №45 на Кенесары',
    url: 'https://instagram.com/p/abc',
    lat: 51.1605,
    lon: 71.4704,
    postedAt: '2026-11-25T05:59:00.000Z',
    receivedAt: '2026-11-25T06:00:00.000Z',
    status: 'new',
    ticketId: null,
    dismissReason: null,
    handledBy: null,
    handledAt: null,
    ...overrides,
  };
}
