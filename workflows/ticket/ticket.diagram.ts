import { ticketMachine } from './ticket.machine.ts';

const label = (eventType: string) =>
  eventType.startsWith('xstate.after.')
    ? `after ${eventType.split('.')[2]}`
    : eventType.replace(/^ticket\./, '');

/**
 * The ticket machine as a Mermaid state diagram, generated from the machine itself so the README's
 * picture cannot drift from the code (a test compares them).
 */
export function ticketStateDiagram(): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${ticketMachine.root.initial?.target[0]?.key ?? 'received'}`];
  for (const [name, node] of Object.entries(ticketMachine.root.states)) {
    const edges = new Map<string, string[]>();
    for (const [eventType, transitions] of node.transitions) {
      for (const t of transitions) {
        const target = t.target?.[0]?.key;
        if (!target) continue;
        edges.set(target, [...(edges.get(target) ?? []), label(eventType)]);
      }
    }
    for (const [target, events] of edges)
      lines.push(`  ${name} --> ${target}: ${[...new Set(events)].join(', ')}`);
    if (node.type === 'final') lines.push(`  ${name} --> [*]`);
  }
  return lines.join('\n');
}
