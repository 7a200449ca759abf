#!/usr/bin/env node
// Compiles Solidity for `cargo xtask solc` (xtask/src/solidity/compile.rs).
//
// stdin:  a complete solc standard-JSON input (sources, settings), built by the xtask;
// stdout: {"version": "<solc version>", "output": <solc's standard-JSON output>}.
//
// One run of solcjs (the pinned npm package `solc`; its compiler ships inside the package,
// nothing is downloaded). Source unit names are paths relative to the current directory (the
// workspace root), so an import that is not among the given sources, such as
// `import {ILrtToken} from "abi/LrtToken.sol";`, is read from that path by the import
// callback below. The callback refuses absolute paths and paths that leave the workspace.
// An import under one of the npm packages of `NPM_PACKAGES` (pinned in package.json and
// package-lock.json), such as `@openzeppelin/contracts/token/ERC20/ERC20.sol`, is read from
// `node_modules/` and keeps that name as its source unit name.
// Diagnostics are left in the output for the xtask to report; the exit code is 1 only when
// this script itself fails.
'use strict';

const fs = require('fs');
const path = require('path');
const solc = require('solc');

const ROOT = process.cwd();

// Solidity libraries imported by package name, from `node_modules/`.
const NPM_PACKAGES = ['@openzeppelin/contracts'];

function npmPackageOf(unitName) {
  return NPM_PACKAGES.find((name) => unitName.startsWith(`${name}/`));
}

function findImport(unitName) {
  const npmPackage = npmPackageOf(unitName);
  const base = npmPackage ? path.join(ROOT, 'node_modules', npmPackage) : ROOT;
  const resolved = npmPackage
    ? path.resolve(ROOT, 'node_modules', unitName)
    : path.resolve(ROOT, unitName);
  const relative = path.relative(base, resolved);
  if (path.isAbsolute(unitName) || relative.startsWith('..') || path.isAbsolute(relative)) {
    return { error: `import outside ${npmPackage ? `node_modules/${npmPackage}` : 'the workspace'}: ${unitName}` };
  }
  try {
    return { contents: fs.readFileSync(resolved, 'utf8') };
  } catch (error) {
    const hint = npmPackage
      ? `from node_modules/${npmPackage} (run \`npm ci\`)`
      : '(imports are relative to the workspace root)';
    return { error: `cannot read ${unitName} ${hint}: ${error.code || error}` };
  }
}

function main(inputText) {
  const output = JSON.parse(solc.compile(inputText, { import: findImport }));
  process.stdout.write(JSON.stringify({ version: solc.version(), output }));
}

let stdin = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { stdin += chunk; });
process.stdin.on('end', () => {
  try {
    main(stdin);
  } catch (error) {
    process.stderr.write(`solc-compile.cjs: ${error.stack || error}\n`);
    process.exit(1);
  }
});
