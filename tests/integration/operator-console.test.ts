import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeArticle } from '../../server/contracts/knowledge.contract.ts';
import { StatusEnquiryResult, TicketPage } from '../../server/contracts/ticket.contract.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import { expectApiError, expectStatus, startTestStack, type TestStack } from '../support/test-server.ts';

describe.each(DATABASE_KINDS)("the 109 operator's tools on %s", (kind) => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(kind, { clock: () => new Date('2026-11-25T06:00:00Z') });
  });
  afterAll(() => stack?.close());

  const page = async (path: string, as = stack.staff.operator) => {
    const res = await as.api.get(path);
    expectStatus(res, 200);
    return TicketPage.parse(res.body);
  };

  it("finds a caller's earlier appeals by phone, however the number is written", async () => {
    const first = await stack.staff.operator.api.createTicket({ reporterPhone: '+7 701 555 12 34' });
    const second = await stack.staff.operator.api.createTicket({ reporterPhone: '8 (701) 555-12-34' });
    await stack.staff.operator.api.createTicket({ reporterPhone: '+7 702 000 00 00' });
    for (const written of ['87015551234', '+77015551234', '7015551234', '+7 (701) 555 12 34']) {
      const found = await page(`/api/tickets?phone=${encodeURIComponent(written)}`);
      expect(found.items.map((t) => t.id).sort(), written).toEqual([first.id, second.id].sort());
    }
    expect(
      expectApiError(await stack.staff.operator.api.get('/api/tickets?phone=12'), 400, 'invalid_request')
        .fields,
    ).toEqual({
      phone: 'must have at least 10 digits',
    });
    // A wall display cannot look people up by phone.
    expect((await page('/api/tickets?phone=87015551234', stack.staff.display)).items).toEqual([]);
  });

  it('answers a status enquiry from the same screen and records it as closed on first contact', async () => {
    const ticket = await stack.staff.operator.api.createTicket({ categoryId: 'flooding' });
    const res = await stack.staff.operator.api.post(`/api/tickets/${ticket.id}/status-enquiry`, {
      reporterPhone: '+7 701 555 12 34',
      locale: 'en',
    });
    expectStatus(res, 201);
    const { about, enquiry, answer } = StatusEnquiryResult.parse(res.body);
    expect(about.id).toBe(ticket.id);
    expect(answer).toMatch(
      new RegExp(`^${ticket.registrationNumber}: Assigned\\. Expected to be resolved by`),
    );
    expect(enquiry).toMatchObject({
      state: 'closed_first_contact',
      categoryId: 'status-enquiry',
      channel: 'phone',
    });
    const report = await stack.staff.supervisor.api.get('/api/kpis/report');
    expect(
      (report.body as { lines: { firstContact: number }[] }).lines[0]!.firstContact,
    ).toBeGreaterThanOrEqual(1);
    expectApiError(
      await stack.staff.operator.api.post('/api/tickets/999999/status-enquiry', {}),
      404,
      'not_found',
    );
    expectApiError(
      await stack.staff.water.api.post(`/api/tickets/${ticket.id}/status-enquiry`, {}),
      403,
      'forbidden',
    );
    expectApiError(
      await stack.staff.operator.api.post(`/api/tickets/${ticket.id}/status-enquiry`, { locale: 'de' }),
      400,
      'invalid_request',
      ['locale'],
    );
  });

  it('searches standard answers in any language, the picked category first', async () => {
    const search = async (query: string) => {
      const res = await stack.staff.operator.api.get(`/api/knowledge?${query}`);
      expectStatus(res, 200);
      return KnowledgeArticle.array().parse(res.body);
    };
    expect((await search('q=' + encodeURIComponent('отоплен')))[0]!.categoryId).toBe('no-heating');
    expect((await search('q=manhole'))[0]!.title.en).toBe('Open manhole');
    expect((await search('q=' + encodeURIComponent('құдық')))[0]!.categoryId).toBe('open-manhole');
    expect((await search('categoryId=stray-dogs')).map((a) => a.categoryId)).toEqual(['stray-dogs']);
    expect(await search('q=' + encodeURIComponent('nothing like this'))).toEqual([]);
  });

  it('lets supervisors keep the knowledge base current, and nobody else', async () => {
    const article = {
      categoryId: 'snow-yard',
      title: { ru: 'Уборка снега во дворе', kk: 'Аулада қар тазалау', en: 'Snow in a courtyard' },
      answer: {
        ru: 'Двор убирает КСК или акимат района.',
        kk: 'Ауланы ПИК немесе аудан әкімдігі тазалайды.',
        en: 'The housing cooperative or the district akimat clears it.',
      },
      keywords: 'снег двор',
    };
    expectApiError(await stack.staff.operator.api.post('/api/knowledge', article), 403, 'forbidden');
    const created = await stack.staff.supervisor.api.post('/api/knowledge', article);
    expectStatus(created, 201);
    const { id } = KnowledgeArticle.parse(created.body);
    const put = await stack.staff.supervisor.api.send('PUT', `/api/knowledge/${id}`, {
      body: JSON.stringify({ ...article, keywords: 'снег двор сугроб' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(KnowledgeArticle.parse(put.body).keywords).toBe('снег двор сугроб');
    const bad = await stack.staff.supervisor.api.post('/api/knowledge', {
      ...article,
      categoryId: 'nope',
      title: { ru: '', kk: 'x', en: 'x' },
    });
    expect(Object.keys(expectApiError(bad, 400, 'invalid_request').fields ?? {})).toEqual(['title.ru']);
    expectApiError(
      await stack.staff.supervisor.api.post('/api/knowledge', { ...article, categoryId: 'nope' }),
      422,
      'unknown_reference',
    );
    expectStatus(await stack.staff.supervisor.api.send('DELETE', `/api/knowledge/${id}`), 204);
    expectApiError(await stack.staff.supervisor.api.send('DELETE', `/api/knowledge/${id}`), 404, 'not_found');
  });
});
