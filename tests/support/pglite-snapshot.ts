import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';

const PGLITE_VERSION = (
  JSON.parse(
    readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
  ) as { version: string }
).version;
const CACHE_DIR = new URL('../../node_modules/.cache/komek-tests/', import.meta.url);
const SNAPSHOT = new URL(`pglite-${PGLITE_VERSION}-fresh-cluster.tar`, CACHE_DIR);

let loaded: Promise<Blob> | null = null;

/**
 * A freshly initialised, empty PGlite cluster as a `dumpDataDir()` tarball. initdb costs seconds of
 * CPU per database; loading this costs a fraction, and every suite still starts from an empty cluster.
 * Built once per PGlite version and cached under node_modules/.cache (written atomically, so workers
 * racing to build it are harmless).
 */
export function pgliteSnapshot(): Promise<Blob> {
  return (loaded ??= (async () => {
    if (!existsSync(SNAPSHOT)) {
      const pg = await PGlite.create();
      const dump = await pg.dumpDataDir('none');
      await pg.close();
      mkdirSync(CACHE_DIR, { recursive: true });
      const partial = new URL(`${SNAPSHOT.pathname}.${process.pid}.partial`, 'file://');
      writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
      renameSync(partial, SNAPSHOT);
    }
    return new Blob([readFileSync(SNAPSHOT)]);
  })());
}
