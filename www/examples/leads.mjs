// Writes the example intranet page's leads (www/examples/leads.csv): the engine's built-in
// sample export, made by the wasm engine itself under Node. Run by www/build.sh.
// Usage: node www/examples/leads.mjs [ROWS] [SEED]
import { readFileSync, writeFileSync } from 'node:fs';
import { Engine } from '../engine.js';

const rows = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 7);
await Engine.create(readFileSync(new URL('../pkg/accord_bg.wasm', import.meta.url)));
const out = new URL('./leads.csv', import.meta.url);
writeFileSync(out, Engine.sampleCsv(rows, seed));
console.log(`${out.pathname}: ${rows} leads`);
