import { z } from 'zod';
import { ApiError } from '../contracts/common.contract.ts';
import { PlaceQuery, PlaceSearchResult } from '../contracts/place.contract.ts';

type Schema = Record<string, unknown>;
const json = (schema: z.ZodType, io: 'input' | 'output') => ({
  'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any' }) },
});
const error = (description: string) => ({ description, content: json(ApiError, 'output') });

const parameters = Object.entries(PlaceQuery.shape).map(([name, field]) => ({
  name,
  in: 'query',
  required: name === 'q',
  schema: z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }),
}));

const description =
  'Finds streets, landmarks, stations, parks, neighbourhoods and district centres of Astana in the built-in gazetteer (no online geocoder). Matching ignores case, punctuation and street-type words (улица, ул., көшесі, даңғылы, проспект, street, avenue…), reads Cyrillic and Latin spellings alike ("kabanbai" finds "Кабанбай батыра"), and knows old names. A house number stays as typed in `address` ("проспект Кабанбай батыра, 53"). Best first: the whole name, then its start, then the start of its words, then anywhere.';

/** The gazetteer's two doors, for the OpenAPI document. */
export function placePaths(): Record<string, Schema> {
  const search = (summary: string, extra: Record<string, unknown>) => ({
    get: {
      summary,
      description,
      parameters,
      responses: {
        '200': { description: 'Matching places, best first.', content: json(PlaceSearchResult, 'output') },
        '400': error('`q` is missing, shorter than 2 or longer than 100 characters; `fields` says which.'),
        ...extra,
      },
    },
  });
  return {
    '/api/places': search('Look up an address in the gazetteer (staff)', {
      '401': error('No valid session.'),
      '403': error('Wall displays may not.'),
    }),
    '/api/public/places': search('Look up an address in the gazetteer (residents, no login)', {
      '429': error('Too many searches from this address; Retry-After says when to try again.'),
    }),
  };
}
