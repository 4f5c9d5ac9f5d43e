import { z } from 'zod';
import { ENTITY_KINDS } from '../src/model/index.js';
import { RULES_DIR, readRuleFile } from './rule-files.js';
import { EntityId, Evidence } from './schema.js';

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const Words = z.array(z.string().min(1)).default([]);

/** One theme of seed/rules/themes.yaml: its names and the words that say a clause is about it. */
const ThemeRule = z
  .object({
    slug: z.string().regex(slug, 'a slug of a-z, 0-9 and single hyphens'),
    nameZh: z.string().min(1),
    nameEn: z.string().min(1),
    aliases: Words,
    /** Each says the theme on its own, matched as a word. */
    words: z.array(z.string().min(1)).min(1),
    /** A generic word that says the theme only with one of `with` in the same clause. */
    contextWords: z.array(z.object({ word: z.string().min(1), with: z.array(z.string().min(1)).min(1) }).strict()).default([]),
    /** Phrases inside which a word does not count (綠色通道 is a fast lane). */
    except: Words,
    /** Entities whose names stand for the theme: a word inside their name still counts for the others. */
    via: z.array(EntityId).default([]),
  })
  .strict();
export type ThemeRule = z.infer<typeof ThemeRule>;

const Edge = { from: EntityId, to: EntityId };

export const ThemeRulesFile = z
  .object({
    sourceKinds: z.array(z.enum(ENTITY_KINDS)).min(1),
    themes: z.array(ThemeRule).min(1),
    stated: z.array(z.object({ ...Edge, evidence: z.array(Evidence).min(1) }).strict()).default([]),
    checked: z.array(z.object(Edge).strict()).default([]),
    rejected: z.array(z.object({ ...Edge, why: z.string().min(3) }).strict()).default([]),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const seen = new Map<string, number>();
    doc.themes.forEach((t, i) => {
      if (seen.has(t.slug))
        ctx.addIssue({ code: 'custom', path: ['themes', i, 'slug'], message: `"${t.slug}" is also theme ${seen.get(t.slug)}` });
      seen.set(t.slug, i);
    });
    for (const list of ['stated', 'checked', 'rejected'] as const)
      doc[list].forEach((e, i) => {
        if (!seen.has(e.to.replace(/^theme\//, '')) || !e.to.startsWith('theme/'))
          ctx.addIssue({ code: 'custom', path: [list, i, 'to'], message: `"${e.to}" is no theme of this file (theme/<slug>)` });
      });
  });
export type ThemeRules = z.infer<typeof ThemeRulesFile>;

/** Reads seed/rules/themes.yaml; problems are thrown naming the file, the entry and the field. */
export function loadThemeRules(dir = RULES_DIR): ThemeRules {
  return readRuleFile('themes.yaml', ThemeRulesFile, 'the theme rules', dir);
}
