import { core } from './core.ts';
import { wall } from './wall.ts';
import { reports } from './reports.ts';
import { consoles } from './consoles.ts';
import { resident } from './resident.ts';
import { operator } from './operator.ts';

/**
 * Russian, the default language and the source of every message key: kk/ and en/ must provide
 * exactly these keys, area by area (the compiler and messages.test.ts both check). `{name}` is a
 * placeholder.
 */
export const ru = { ...core, ...wall, ...reports, ...consoles, ...resident, ...operator };

export type MessageKey = keyof typeof ru;

/** A whole dictionary: every key, in one language. */
export type Messages = Record<MessageKey, string>;
