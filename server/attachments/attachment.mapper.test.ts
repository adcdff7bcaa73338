import { describe, expect, it } from 'vitest';
import { inlineDisposition } from './attachment.mapper.ts';

describe('inlineDisposition', () => {
  it('names the file in ASCII and exactly in filename*', () => {
    expect(inlineDisposition({ id: 7, mediaType: 'image/jpeg', originalName: 'Фото "1" (двор).jpg' })).toBe(
      `inline; filename="____ _1_ (____).jpg"; filename*=UTF-8''%D0%A4%D0%BE%D1%82%D0%BE%20%221%22%20%28%D0%B4%D0%B2%D0%BE%D1%80%29.jpg`,
    );
  });

  it('names an unnamed file after its id and type', () => {
    expect(inlineDisposition({ id: 7, mediaType: 'application/pdf', originalName: null })).toBe(
      `inline; filename="attachment-7.pdf"; filename*=UTF-8''attachment-7.pdf`,
    );
  });
});
