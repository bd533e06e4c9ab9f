// Rewrites the configuration table of README.md from CONFIG_DOC (src/config.ts): `node --import tsx scripts/readme-config.ts`.
import fs from 'node:fs';
import { CONFIG_DOC } from '../src/config';

const file = new URL('../README.md', import.meta.url);
const readme = fs.readFileSync(file, 'utf8');
const table = ['| variable | default | meaning |', '|---|---|---|', ...CONFIG_DOC.map(([n, d, m]) => `| \`${n}\` | ${d} | ${m} |`)].join('\n');
const next = readme.replace(/(<!-- config-table:start -->\n)[\s\S]*?(\n<!-- config-table:end -->)/, `$1${table}$2`);
fs.writeFileSync(file, next);
console.log(`${CONFIG_DOC.length} variables written`);
