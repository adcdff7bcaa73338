import { describe, expect, it } from 'vitest';
import { PRIORITIES } from '../../../../workflows/sla/ticket-sla.ts';
import { EMPTY_CALL, missingFields, nearbyQuery, PRIORITY_OPTIONS, toCreateTicket } from './call-draft.ts';

const call = { ...EMPTY_CALL, categoryId: 'open-manhole', description: 'Open manhole by school 45' };

describe('toCreateTicket', () => {
  it('sends what was typed, trimmed, and leaves blanks out', () => {
    expect(
      toCreateTicket({ ...call, address: ' Kenesary 40 ', phone: '+7 701 555 12 34', name: '  ' }),
    ).toEqual({
      categoryId: 'open-manhole',
      channel: 'phone',
      description: 'Open manhole by school 45',
      address: 'Kenesary 40',
      reporterPhone: '+7 701 555 12 34',
    });
  });

  it('sends the point, and the priority only when the operator changed it', () => {
    const body = toCreateTicket(
      { ...call, lat: 51.16, lon: 71.47, priority: 'emergency' },
      {
        categoryPriority: 'emergency',
      },
    );
    expect(body).toMatchObject({ lat: 51.16, lon: 71.47 });
    expect(body.priority).toBeUndefined();
    expect(toCreateTicket({ ...call, priority: 'low' }, { categoryPriority: 'emergency' }).priority).toBe(
      'low',
    );
  });

  it('closes on first contact with an answer, naming the question by the fallback when nothing was typed', () => {
    const body = toCreateTicket(
      { ...call, description: '', address: 'Kenesary 40' },
      { answer: 'The crew is on its way.', fallbackDescription: 'Open manhole' },
    );
    expect(body).toMatchObject({
      description: 'Open manhole',
      firstContactAnswer: 'The crew is on its way.',
    });
  });

  it('leaves out a phone number the server would refuse', () => {
    expect(toCreateTicket({ ...call, phone: 'ask at the desk' }).reporterPhone).toBeUndefined();
  });
});

describe('missingFields', () => {
  it('asks for the category, a description and a place', () => {
    expect(missingFields(EMPTY_CALL).map((m) => m.field)).toEqual(['categoryId', 'description', 'address']);
    expect(missingFields({ ...call, lat: 51.1, lon: 71.4 })).toEqual([]);
    expect(missingFields({ ...call, address: 'Kenesary 40' })).toEqual([]);
  });

  it('takes the fallback for an empty description', () => {
    expect(missingFields({ ...call, description: ' ', address: 'x' }, 'Open manhole')).toEqual([]);
  });
});

describe('nearbyQuery', () => {
  it('asks only once a category and a point are set', () => {
    expect(nearbyQuery(EMPTY_CALL)).toBeNull();
    expect(nearbyQuery({ categoryId: 'flooding', lat: null, lon: null })).toBeNull();
    expect(nearbyQuery({ categoryId: 'flooding', lat: 51.1, lon: 71.4 })).toEqual({
      categoryId: 'flooding',
      lat: 51.1,
      lon: 71.4,
    });
  });
});

describe('PRIORITY_OPTIONS', () => {
  it("are the server's priorities", () => {
    expect(PRIORITY_OPTIONS).toEqual(PRIORITIES);
  });
});
