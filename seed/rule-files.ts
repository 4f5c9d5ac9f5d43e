import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

/** The folder of the rule files a person edits (seed/rules/). */
export const RULES_DIR = fileURLToPath(new URL('./rules/', import.meta.url));

/**
 * Reads and validates one YAML rules file. Problems are thrown as one Error listing each
 * "seed/rules/<file> › path › field: what is expected", so a person knows where to look.
 */
export function readRuleFile<T extends z.ZodType>(file: string, schema: T, what: string, dir = RULES_DIR): z.infer<T> {
  const name = `seed/rules/${file}`;
  let doc: unknown;
  try {
    doc = parse(readFileSync(`${dir}${file}`, 'utf8'));
  } catch (err) {
    throw new Error(`${name}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(doc ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${name}${i.path.map((p) => ` › ${String(p)}`).join('')}: ${i.message}`);
    throw new Error(`${what} are invalid:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

/** seed/rules/not-names.yaml: phrases that hold a name but do not name its entity (seed/parse/mentions.ts). */
const NotName = z
  .object({ phrase: z.string().min(2), name: z.string().min(2), why: z.string().min(3) })
  .strict()
  .refine((n) => n.phrase.includes(n.name) && n.phrase !== n.name, {
    message: 'name must lie inside phrase and be shorter',
    path: ['name'],
  });
const NotNamesFile = z.object({ notNames: z.array(NotName).default([]) }).strict();
export type NotName = z.infer<typeof NotName>;

export function loadNotNames(dir = RULES_DIR): NotName[] {
  return readRuleFile('not-names.yaml', NotNamesFile, 'the not-names', dir).notNames;
}
