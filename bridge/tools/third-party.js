// Prints the Node part of THIRD-PARTY.md: every package the bridge installs (package-lock.json, which npm
// fills from each package's own package.json) with its licence. Run by `./wagate notices`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const lockFile = join(dirname(fileURLToPath(import.meta.url)), '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(lockFile, 'utf8'));

const rows = Object.entries(lock.packages)
  .filter(([path, entry]) => path !== '' && !entry.dev)
  .map(([path, entry]) => ({
    name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length),
    version: entry.version,
    license: entry.license ?? 'Unknown license',
    // Platform builds (sharp's libvips for other systems): in the lock, installed only where they fit.
    note: entry.optional ? 'optional' : '',
  }))
  .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));

const lines = [
  `## Node: what the Baileys bridge runs with (${rows.length} packages)`,
  '',
  'These run in the bridge, a separate Node process (see README "Licence"); none is part of the jar.',
  '"optional": a platform-specific build npm installs only on the platform it is for.',
  '',
  '| package | version | licence | |',
  '|---|---|---|---|',
  ...rows.map((r) => `| ${r.name} | ${r.version} | ${r.license} | ${r.note} |`),
];
process.stdout.write(lines.join('\n') + '\n');
