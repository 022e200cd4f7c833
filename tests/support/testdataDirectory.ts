import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The shared test data (third-party captures; used in tests and benchmarks,
 * never shipped). It sits beside the checkout at ../shared/testdata, for
 * developers and in CI alike; OFFPRINT_TESTDATA overrides. Missing data is
 * an error, not a skip: a conformance test that quietly runs nothing proves
 * nothing.
 */
export function testdataDirectory(...parts: string[]): string {
  const root = process.env['OFFPRINT_TESTDATA'] ?? resolve(import.meta.dirname, '..', '..', '..', 'shared', 'testdata');
  const path = join(root, ...parts);
  if (!existsSync(path)) {
    throw new Error(
      `testdata: ${path} is missing (expected ../shared/testdata beside the checkout, or set OFFPRINT_TESTDATA)`,
    );
  }
  return path;
}
