import type { SocialPost } from '#contracts/social.contract.ts';
import type { MessageKey } from '../i18n/messages.ts';

/** A sentence to translate. */
export interface NoticeMessage {
  key: MessageKey;
  params: Record<string, string>;
}

/** Who handled a post, as the notice names them (`name` is the ticket's creator for a conversion). */
export function whoHandled(
  post: Pick<SocialPost, 'handledBy'>,
  viewerId: number | null,
  name: string | null,
): { key: MessageKey } | { name: string } {
  if (post.handledBy !== null && post.handledBy === viewerId) return { key: 'triage.who.you' };
  return name ? { name } : { key: 'triage.who.someone' };
}

/**
 * Why a post left the queue before this operator could act on it: made into appeal N by someone, or
 * dismissed by someone with their reason. `who` is already in the reader's language.
 */
export function handledMessage(
  post: Pick<SocialPost, 'status' | 'dismissReason'> | null,
  who: string,
  number: string | null,
): NoticeMessage {
  if (post?.status === 'converted')
    return { key: 'triage.handled.converted', params: { number: number ?? '—', who } };
  if (post?.status === 'dismissed')
    return { key: 'triage.handled.dismissed', params: { reason: post.dismissReason ?? '—', who } };
  return { key: 'triage.handled.unknown', params: {} };
}
