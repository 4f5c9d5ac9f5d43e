import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { REPORT, type Report } from '../src/model/index.js';

/** The absolute path of a report's text (Report.sourceFile is relative to the repository root). */
export const sourcePath = (report: Report): string => fileURLToPath(new URL(`../${report.sourceFile}`, import.meta.url));

export const SOURCE_PATH = sourcePath(REPORT);

let cached: readonly string[] | undefined;

/** The report's lines; index 0 is line 1. */
export function sourceLines(): readonly string[] {
  cached ??= readFileSync(SOURCE_PATH, 'utf8').split('\n');
  return cached;
}

/** The text of 1-based line `n`, or undefined past the end. */
export function lineText(n: number): string | undefined {
  return sourceLines()[n - 1];
}
