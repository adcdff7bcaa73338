import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ticketStateDiagram } from './ticket.diagram.ts';

describe('ticket state diagram', () => {
  it('names every state and the delayed close', () => {
    const diagram = ticketStateDiagram();
    expect(diagram).toContain('resolved --> closed: close, after confirmationWindow');
    expect(diagram).toContain('assigned --> registered: reject');
    expect(diagram).toContain('on_hold --> in_progress: resume');
  });

  it('is the diagram in the README (regenerate with `npm run diagram`)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(ticketStateDiagram());
  });
});
