import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api.ts';
import { uploadAttachment } from './attachment-upload.ts';

afterEach(() => vi.unstubAllGlobals());

describe('uploadAttachment', () => {
  const photo = new File([new Uint8Array([1, 2, 3])], 'pit before.jpg', { type: 'image/jpeg' });

  it('sends the raw file with its type and name', async () => {
    const fetchMock = vi.fn(async () => Response.json({ id: 9, url: '/api/attachments/9' }, { status: 201 }));
    vi.stubGlobal('fetch', fetchMock);
    expect(await uploadAttachment(4, photo)).toMatchObject({ id: 9 });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/tickets/4/attachments?name=pit%20before.jpg');
    expect(new Headers(init.headers).get('content-type')).toBe('image/jpeg');
    expect(init.body).toBe(photo);
  });

  it('turns a refusal into an ApiError with its fields', async () => {
    vi.stubGlobal('fetch', async () =>
      Response.json(
        {
          error: {
            code: 'payload_too_large',
            message: 'The file is too large.',
            fields: { body: 'too big' },
          },
        },
        { status: 413 },
      ),
    );
    const err = await uploadAttachment(4, photo).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 413, code: 'payload_too_large', fields: { body: 'too big' } });
  });
});
