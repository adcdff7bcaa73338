// `npm run diagram`: prints the ticket machine as Mermaid, for the README's lifecycle section.
import { ticketStateDiagram } from './ticket.diagram.ts';

process.stdout.write(`${ticketStateDiagram()}\n`);
