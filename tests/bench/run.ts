// `npm run bench`: measures, beside a baseline from the same run, and writes BENCHMARKS.md.
// Figures are ratios against the baseline because the machines here are noisy.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { measureIntake, type IntakeResult } from './intake.bench.ts';
import { timersSection } from './timers.bench.ts';
import { transitionsSection } from './transitions.bench.ts';
import { wallSection } from './wall.bench.ts';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TICKETS = Number(process.env.BENCH_TICKETS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function intakeSection(): Promise<string> {
  const results: IntakeResult[] = [];
  for (const kind of ['postgres', 'pglite'] as const) {
    process.stdout.write(`intake on ${kind}: ${TICKETS} tickets, ${CONCURRENCY} at a time…\n`);
    results.push(await measureIntake(kind, POSTGRES_URL, TICKETS, CONCURRENCY));
  }
  const rows = results.map(
    (r) =>
      `| ${r.kind} | ${fmt(r.apiPerSecond)} | ${fmt(r.apiP50Ms, 1)} / ${fmt(r.apiP99Ms, 1)} | ${fmt(r.baselinePerSecond)} | **${fmt(r.ratio, 2)}** |`,
  );
  return `## Ticket intake

${TICKETS} appeals posted to \`POST /api/tickets\` over HTTP, ${CONCURRENCY} in flight at a time, by a
logged-in administrator. Each appeal is validated, runs the ticket machine (create → register → route),
takes a registration number, writes the ticket and three event rows in one transaction, and is
pushed over Socket.IO. **Baseline:** the same number of plain single-row \`INSERT\`s of the same
columns over the same driver and concurrency, with no HTTP, machine or events.

| database | API tickets/s | API latency p50 / p99 (ms) | baseline inserts/s | API ÷ baseline |
|---|---:|---:|---:|---:|
${rows.join('\n')}

What the ratio says: the share of raw insert speed left after everything a ticket costs. Intake
serialises on the event-log lock (so sequence numbers commit in order for wall displays), which is
why it does not grow with concurrency; a city centre's peak (Astana: ~2,300 appeals a day) is far
below either figure.
`;
}

/** Every section of BENCHMARKS.md, in order. */
const SECTIONS = {
  intake: intakeSection,
  timers: () => timersSection(POSTGRES_URL),
  transitions: () => transitionsSection(POSTGRES_URL, CONCURRENCY),
  wall: () => wallSection(POSTGRES_URL),
} satisfies Record<string, () => Promise<string>>;
type SectionName = keyof typeof SECTIONS;
const isSectionName = (name: string): name is SectionName => Object.hasOwn(SECTIONS, name);

// BENCH_ONLY=transitions (or a comma-separated list) runs those sections and prints them, leaving
// BENCHMARKS.md as it is: a partial run would drop the other sections' figures.
const only = process.env.BENCH_ONLY
  ? process.env.BENCH_ONLY.split(',').map((name) => name.trim())
  : undefined;
const unknown = only?.filter((name) => !isSectionName(name)) ?? [];
if (unknown.length) {
  process.stderr.write(
    `BENCH_ONLY: no section ${unknown.join(', ')}; there are ${Object.keys(SECTIONS).join(', ')}\n`,
  );
  process.exit(2);
}
const names = only?.filter(isSectionName) ?? (Object.keys(SECTIONS) as SectionName[]);
const sections: string[] = [];
for (const name of names) sections.push(await SECTIONS[name]());

if (only) {
  process.stdout.write(`\n${sections.join('\n')}`);
} else {
  const doc = `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC
(${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}).
Every figure stands beside a baseline measured in the same run; compare ratios, not raw numbers,
across machines.

${sections.join('\n')}`;
  writeFileSync(new URL('../../BENCHMARKS.md', import.meta.url), doc);
  process.stdout.write(doc);
}
