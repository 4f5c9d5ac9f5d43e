import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SOURCE_PATH = fileURLToPath(new URL('./source/china-unicom-csr-2020.zh-Hant.txt', import.meta.url));

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
