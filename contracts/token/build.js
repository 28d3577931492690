#!/usr/bin/env node
// Compiles PictorToken.sol with the pinned solc-js and writes PictorToken.json (ABI + bytecode).
// Usage: node build.js [outputDirectory]   (default: ./out, which git ignores)
// Warnings fail the build, like TreatWarningsAsErrors on the C# side.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const contractName = 'PictorToken';
const sourceName = `${contractName}.sol`;
const nodeModules = path.join(__dirname, 'node_modules');

// Pinned so that the bytecode does not change when solc's default EVM moves on; Cancun is the
// newest fork that the L2s we might settle on all accept.
const evmVersion = 'cancun';

let solc;
try {
  solc = require('solc');
} catch {
  console.error(`build.js: error: solc is not installed; run 'npm ci' in ${__dirname}`);
  process.exit(1);
}

function findImport(importPath) {
  const resolved = path.resolve(nodeModules, importPath);
  if (!resolved.startsWith(nodeModules + path.sep)) {
    return { error: `import escapes node_modules: ${importPath}` };
  }
  try {
    return { contents: fs.readFileSync(resolved, 'utf8') };
  } catch {
    return { error: `not found under node_modules: ${importPath}` };
  }
}

const input = {
  language: 'Solidity',
  sources: {
    [sourceName]: { content: fs.readFileSync(path.join(__dirname, sourceName), 'utf8') },
  },
  settings: {
    evmVersion,
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { [sourceName]: { [contractName]: ['abi', 'evm.bytecode.object'] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
const diagnostics = output.errors ?? [];
for (const diagnostic of diagnostics) {
  // MSBuild turns "file(line,col): error CODE: text" lines into errors, so keep solc's own text,
  // which already carries the location, on stderr.
  console.error(`${sourceName}: ${diagnostic.severity}: ${diagnostic.formattedMessage ?? diagnostic.message}`);
}
if (diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning')) {
  console.error('build.js: error: compilation failed (warnings count as errors)');
  process.exit(1);
}

const compiled = output.contracts?.[sourceName]?.[contractName];
if (!compiled?.evm?.bytecode?.object) {
  console.error(`build.js: error: solc produced no bytecode for ${contractName}`);
  process.exit(1);
}

const artifact = {
  contractName,
  compiler: `solc ${solc.version()}`,
  evmVersion,
  abi: compiled.abi,
  bytecode: `0x${compiled.evm.bytecode.object}`,
};

const outDir = path.resolve(process.argv[2] ?? path.join(__dirname, 'out'));
fs.mkdirSync(outDir, { recursive: true });
const target = path.join(outDir, `${contractName}.json`);
// Write then rename so an interrupted build never leaves a truncated file that looks up to date.
const temporary = `${target}.${process.pid}.tmp`;
fs.writeFileSync(temporary, `${JSON.stringify(artifact, null, 2)}\n`);
fs.renameSync(temporary, target);
console.log(`build.js: wrote ${target}`);
