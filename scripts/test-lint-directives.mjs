// `npm run lint:directives`: writes the first-line directive of each test and script file that
// breaks a rule meant only for shipped package code (see eslint.tests.config.mjs), naming exactly
// the rules it breaks. The root eslint.config.mjs must stay n8n's default and lints every file, so
// a new test file would otherwise fail `n8n-node lint`; other rules are never switched off here.
import { ESLint } from 'eslint';
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

import { packageCodeOnly as packageCodeOnlyRules } from '../eslint.tests.config.mjs';

const packageCodeOnly = new Set(packageCodeOnlyRules);
const marker = '-- test code, not shipped: linted by eslint.tests.config.mjs */';

const eslint = new ESLint();
const results = await eslint.lintFiles(['test', 'scripts']);
let changed = 0;
for (const result of results) {
	const source = readFileSync(result.filePath, 'utf8');
	const lines = source.split('\n');
	const existing = lines[0].includes(marker) ? lines[0] : undefined;
	const kept = existing ? existing.replace(/^\/\* eslint-disable /, '').replace(` ${marker}`, '').split(', ') : [];
	const broken = result.messages.map((m) => m.ruleId).filter((rule) => packageCodeOnly.has(rule));
	const rules = [...new Set([...kept, ...broken])].sort();
	if (rules.length === 0 || rules.join() === kept.sort().join()) continue;
	const directive = `/* eslint-disable ${rules.join(', ')} ${marker}`;
	writeFileSync(result.filePath, [directive, ...(existing ? lines.slice(1) : lines)].join('\n'));
	console.log(`${relative(process.cwd(), result.filePath)}: ${rules.join(', ')}`);
	changed++;
}
console.log(`${changed} file(s) given a directive`);
