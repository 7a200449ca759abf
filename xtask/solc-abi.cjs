#!/usr/bin/env node
// JSON ABIs of Solidity interfaces, for `cargo xtask abi` (xtask/src/abi/solc.rs).
//
// stdin:  {"sources": [{"file": "LrtToken.sol", "content": "...", "interface": "ILrtToken"}]}
// stdout: {"abis": {"LrtToken.sol": "<ABI of ILrtToken as pretty JSON>\n"}}
//
// All files are compiled in one standard-JSON run of solcjs (the pinned npm package `solc`,
// whose compiler ships inside the package), asking for the `abi` output only. The ABI is
// kept exactly as solc emits it and printed with JSON.stringify(abi, null, 2) and a final
// newline, so the same input always gives the same bytes. Compiler errors go to stderr and
// the exit code is 1; warnings go to stderr too.
'use strict';

const solc = require('solc');

function fail(message) {
  process.stderr.write(message.endsWith('\n') ? message : message + '\n');
  process.exit(1);
}

function main(requestText) {
  const request = JSON.parse(requestText);
  const input = {
    language: 'Solidity',
    sources: {},
    settings: { outputSelection: { '*': { '*': ['abi'] } } },
  };
  for (const source of request.sources) {
    input.sources[source.file] = { content: source.content };
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input)));

  const diagnostics = output.errors || [];
  for (const d of diagnostics) {
    process.stderr.write(d.formattedMessage || `${d.severity}: ${d.message}\n`);
  }
  if (diagnostics.some((d) => d.severity === 'error')) {
    fail(`solc ${solc.version()} reported errors`);
  }

  const abis = {};
  for (const source of request.sources) {
    const contracts = (output.contracts || {})[source.file] || {};
    const contract = contracts[source.interface];
    if (!contract) {
      const found = Object.keys(contracts).join(', ') || 'nothing';
      fail(`${source.file} does not declare \`${source.interface}\` (it declares: ${found})`);
    }
    abis[source.file] = JSON.stringify(contract.abi, null, 2) + '\n';
  }
  process.stdout.write(JSON.stringify({ abis }));
}

let stdin = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { stdin += chunk; });
process.stdin.on('end', () => {
  try {
    main(stdin);
  } catch (error) {
    fail(`solc-abi.cjs: ${error.stack || error}`);
  }
});
