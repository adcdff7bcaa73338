import type { Messages } from '../ru/index.ts';
import { core } from './core.ts';
import { wall } from './wall.ts';
import { reports } from './reports.ts';
import { consoles } from './consoles.ts';
import { resident } from './resident.ts';
import { operator } from './operator.ts';

/** English. */
export const en: Messages = { ...core, ...wall, ...reports, ...consoles, ...resident, ...operator };
