// The one gate (`npm test`): typecheck, lint, format check, the Electron
// security gate (scripts/electronegativity.ts), app and renderer builds,
// then unit + integration + component + end-to-end tests (one `vitest run`
// of every project in vitest.config.ts, so each is in the run and the count).
// Every step runs even when an earlier one failed, so one run shows
// everything that is wrong. Ends with the line `N passed, N failed` (tests,
// plus each gate step that failed).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

interface Step {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

const steps: readonly Step[] = [
  { name: 'typecheck', command: 'tsc', args: ['-b'] },
  { name: 'lint', command: 'eslint', args: ['.', '--max-warnings', '0'] },
  { name: 'format', command: 'prettier', args: ['--check', '.', '--log-level', 'warn'] },
  // Electron security checks over electron/ (Electron 45.5.0): fails on any HIGH or MEDIUM finding.
  { name: 'electronegativity', command: 'node', args: ['scripts/electronegativity.ts'] },
  // Bundles main, preload and renderer as the desktop app ships them (no Electron binary needed).
  { name: 'build app', command: 'electron-vite', args: ['build', '--logLevel', 'warn'] },
  // The Node host and the e2e tests serve this build of the renderer.
  {
    name: 'build renderer',
    command: 'vite',
    args: ['build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'],
  },
];

const failedSteps: string[] = [];
for (const step of steps) {
  console.log(`\n▶ ${step.name}: ${step.command} ${step.args.join(' ')}`);
  const result = spawnSync(step.command, step.args, { stdio: 'inherit' });
  if (result.status !== 0) failedSteps.push(step.name);
}

const reportFile = 'test-results/vitest.json';
mkdirSync('test-results', { recursive: true });
rmSync(reportFile, { force: true });
console.log('\n▶ tests: vitest run (unit, integration, component, e2e)');
const vitest = spawnSync(
  'vitest',
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`],
  {
    stdio: 'inherit',
  },
);

let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  if (vitest.status !== 0 && failed === 0) failedSteps.push('vitest (errors outside tests)');
} catch {
  failedSteps.push('vitest (no report)');
}

if (failedSteps.length > 0) console.log(`\nFailed gate steps: ${failedSteps.join(', ')}`);
console.log(`\n${passed} passed, ${failed + failedSteps.length} failed`);
process.exitCode = failed + failedSteps.length > 0 ? 1 : 0;
