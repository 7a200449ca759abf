#!/usr/bin/env node
// A `solc` for forge that is the pinned solcjs (npm `solc`, package-lock.json): forge runs a
// native solc with `--version` and with `--standard-json` (input on stdin, output on stdout);
// this answers both, so forge compiles offline with the project's own compiler and never
// downloads one. Files are read as solc would, relative to the working directory forge runs
// it in, within the paths forge allows (`--allow-paths`, `--base-path`, `--include-path`).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const solc = require('solc');
const args = process.argv.slice(2);

if (args.includes('--version')) {
  // solc's own format: forge reads the version from the "Version:" line.
  const version = solc.version().replace('.Emscripten.clang', '');
  process.stdout.write(
    `solc, the solidity compiler commandline interface\nVersion: ${version}.Linux.g++\n`,
  );
  process.exit(0);
}
if (!args.includes('--standard-json')) {
  process.stderr.write(`solc-for-forge: only --version and --standard-json are served (${args.join(' ')})\n`);
  process.exit(2);
}

const listed = (flag) =>
  args.flatMap((arg, index) => (arg === flag && args[index + 1] ? args[index + 1].split(',') : []));
const roots = [process.cwd(), ...listed('--base-path'), ...listed('--include-path'), ...listed('--allow-paths')];

function findImports(importPath) {
  for (const root of roots) {
    const candidate = path.resolve(root, importPath);
    try {
      return { contents: readFileSync(candidate, 'utf8') };
    } catch {
      // next root
    }
  }
  return { error: `File not found: ${importPath}` };
}

const input = readFileSync(0, 'utf8');
process.stdout.write(solc.compile(input, { import: findImports }));
