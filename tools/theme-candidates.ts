import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { DATA_DIR } from '../seed/data-files.js';
import { isDuplicateLine } from '../seed/parse/duplicates.js';
import { prepareGraph } from '../seed/run.js';
import { nameKey } from '../src/search/names.js';

/** How far apart (in characters, besides the longer of the two) a name and a keyword may be on a line. */
const MAX_SPAN = 24;
/** An evidence quote this short is a name or a fragment of one. */
const SHORT_QUOTE = 16;

const HELP = `Usage: npx tsx tools/theme-candidates.ts [--write] [--stats]

Generates seed/data/themes.yaml: the THEME entities the report is organised around (named as printed,
each with the first line that names it) and the ABOUT relations from programs, products, events,
publications, awards, partners, subsidiaries and units to them. Every relation carries a verbatim quote
from ONE line (or the one span of lines its entity's evidence quotes) that says both:
  1. the entity's own evidence quote when it holds a keyword of the theme and is short (a name,
     ${SHORT_QUOTE} characters at most) or the entity's printed name holds that keyword too
     ("5G共建共享" → 5G), or else
  2. a span of a line naming the entity (evidence or mention line, never the repeated page) from the
     entity's name to a theme keyword within one clause (at most ${MAX_SPAN} characters between them,
     no space, 、，。； or colon: items of a list or two clauses are not about each other).
The seeder's checker (npx tsx seed/check.ts) verifies every quote like any other. Each edge says how it
was derived: RULE with rule theme-keyword (the keyword rule above, not checked one by one), or STATED
(curated by hand in the script's ACROSS_LINES list); each theme is RULE with rule theme-table.

Options:
  --write    write seed/data/themes.yaml (otherwise print a summary only)
  --stats    print the number of entities per theme
  -h, --help this text`;

/** A theme: printed name, English name, other names, and the words that signal it on a line. */
interface ThemeDef {
  slug: string;
  nameZh: string;
  nameEn: string;
  aliases: string[];
  keywords: string[];
}

export const THEMES: ThemeDef[] = [
  { slug: '5g', nameZh: '5G', nameEn: '5G', aliases: ['5G網絡', '5G网络'], keywords: ['5G'] },
  {
    slug: 'iot',
    nameZh: '物聯網',
    nameEn: 'Internet of Things',
    aliases: ['物联网', 'IoT'],
    keywords: ['物聯網', 'IoT', 'Cat.1', '模組', '煙感'],
  },
  { slug: 'big-data', nameZh: '大數據', nameEn: 'Big data', aliases: ['大数据'], keywords: ['大數據'] },
  {
    slug: 'cloud-computing',
    nameZh: '雲計算',
    nameEn: 'Cloud computing',
    aliases: ['云计算', '雲網融合', '云网融合'],
    keywords: ['雲計算', '雲網融合', '雲網一體', '上雲', '雲服務'],
  },
  { slug: 'artificial-intelligence', nameZh: '人工智能', nameEn: 'Artificial intelligence', aliases: ['AI'], keywords: ['人工智能', 'AI'] },
  { slug: 'blockchain', nameZh: '區塊鏈', nameEn: 'Blockchain', aliases: ['区块链'], keywords: ['區塊鏈'] },
  {
    slug: 'connected-vehicles',
    nameZh: '車聯網',
    nameEn: 'Connected vehicles',
    aliases: ['车联网', 'Internet of Vehicles'],
    keywords: ['車聯網'],
  },
  { slug: 'industrial-internet', nameZh: '工業互聯網', nameEn: 'Industrial internet', aliases: ['工业互联网'], keywords: ['工業互聯網'] },
  {
    slug: 'smart-city',
    nameZh: '智慧城市',
    nameEn: 'Smart city',
    aliases: ['数字政府', '數字政府'],
    keywords: ['智慧城市', '數字政府', '智慧政務', '社會治理', '城市治理', '數字孿生', '河湖長'],
  },
  {
    slug: 'cybersecurity',
    nameZh: '網絡安全',
    nameEn: 'Cybersecurity',
    aliases: ['网络安全', '信息安全'],
    keywords: ['網絡安全', '信息安全', '反詐', '防欺詐', '防詐', '防護', 'DDoS', '防火牆', '隱私', '防範', '身份認證'],
  },
  {
    slug: 'poverty-alleviation',
    nameZh: '扶貧',
    nameEn: 'Poverty alleviation',
    aliases: ['扶贫', '脫貧攻堅', '消費扶貧'],
    keywords: ['扶貧', '脫貧', '幫扶'],
  },
  {
    slug: 'rural',
    nameZh: '農村',
    nameEn: 'Rural areas and rural revitalisation',
    aliases: ['农村', '鄉村振興', '數字鄉村'],
    keywords: ['鄉村振興', '數字鄉村', '智慧農業', '農業', '農村', '鄉村'],
  },
  {
    slug: 'winter-olympics',
    nameZh: '冬奧',
    nameEn: 'Winter Olympics (theme)',
    aliases: ['冬奥', '智慧冬奧'],
    keywords: ['冬奧', '冬殘奧'],
  },
  {
    slug: 'epidemic-prevention',
    nameZh: '疫情防控',
    nameEn: 'COVID-19 prevention and control',
    aliases: ['抗疫', 'COVID-19'],
    keywords: ['疫情', '抗疫', '新冠', '防疫', '復工復產'],
  },
  {
    slug: 'green-low-carbon',
    nameZh: '綠色低碳',
    nameEn: 'Green and low-carbon development',
    aliases: ['绿色低碳'],
    keywords: ['綠色', '低碳', '節能', '減排', '碳達峰', '碳中和', '環保'],
  },
  {
    slug: 'information-accessibility',
    nameZh: '信息無障礙',
    nameEn: 'Information accessibility',
    aliases: ['信息无障碍'],
    keywords: ['無障礙', '老年人', '殘障'],
  },
  {
    slug: 'belt-and-road',
    nameZh: '一帶一路',
    nameEn: 'Belt and Road',
    aliases: ['一带一路', '走出去'],
    keywords: ['一帶一路', '走出去', '跨境', '國際漫遊'],
  },
  { slug: 'universal-service', nameZh: '普遍服務', nameEn: 'Universal service', aliases: ['普遍服务'], keywords: ['普遍服務'] },
  {
    slug: 'digital-transformation',
    nameZh: '數字化轉型',
    nameEn: 'Digital transformation',
    aliases: ['数字化转型'],
    keywords: ['數字化轉型', '中台', '數字化'],
  },
  {
    slug: 'mixed-ownership-reform',
    nameZh: '混改',
    nameEn: 'Mixed-ownership reform (theme)',
    aliases: ['混合所有制改革'],
    keywords: ['混改', '混合所有制'],
  },
  {
    slug: 'sci-tech-innovation',
    nameZh: '科技創新',
    nameEn: 'Science and technology innovation',
    aliases: ['科技创新'],
    keywords: ['科技創新', '研發', '實驗室', '專利', '標準', '預研'],
  },
  {
    slug: 'education',
    nameZh: '教育',
    nameEn: 'Education',
    aliases: ['支教'],
    keywords: ['教育', '支教', '課堂', '助學', '學校', '培訓', '高考'],
  },
  {
    slug: 'healthcare',
    nameZh: '醫療',
    nameEn: 'Healthcare',
    aliases: ['医疗', '智慧醫療', '智慧医疗'],
    keywords: ['醫療', '醫院', '會診', '醫共體', '健康養老'],
  },
  {
    slug: 'public-welfare',
    nameZh: '公益',
    nameEn: 'Public welfare and volunteering',
    aliases: ['志願服務', '志愿服务'],
    keywords: ['公益', '志願', '慈善', '捐贈', '捐助', '愛心'],
  },
  { slug: 'smart-home', nameZh: '智慧家庭', nameEn: 'Smart home', aliases: ['智慧家居'], keywords: ['智慧家庭', '沃家'] },
  {
    slug: 'gigabit-broadband',
    nameZh: '千兆',
    nameEn: 'Gigabit broadband',
    aliases: ['寬帶', '宽带'],
    keywords: ['千兆', '寬帶', '光網', '全光'],
  },
  {
    slug: 'new-infrastructure',
    nameZh: '新基建',
    nameEn: 'New infrastructure',
    aliases: ['数据中心', '算力網絡'],
    keywords: ['新基建', '數據中心', '算力', 'IDC'],
  },
  {
    slug: 'corporate-governance',
    nameZh: '公司治理',
    nameEn: 'Corporate governance and investor relations',
    aliases: ['企業管治', '投資者關係'],
    keywords: ['公司治理', '企業管治', '管治', '投資者關係', '信息披露', 'ESG', '年報', '中期報告', '20-F', '股東'],
  },
  {
    slug: 'media-content',
    nameZh: '內容',
    nameEn: 'Media and content',
    aliases: ['视频', '視頻', '直播'],
    keywords: ['視頻', '直播', '內容', '媒體'],
  },
  {
    slug: 'csr',
    nameZh: '社會責任',
    nameEn: 'Corporate social responsibility',
    aliases: ['社会责任', 'CSR'],
    keywords: ['社會責任', 'CSR', '可持續發展', '全球契約'],
  },
  { slug: 'reform', nameZh: '企業改革', nameEn: 'Enterprise reform', aliases: [], keywords: ['改革'] },
  {
    slug: 'talent',
    nameZh: '人才',
    nameEn: 'Talent and employees',
    aliases: [],
    keywords: ['人才', '員工', '招聘', '晉升', '師帶徒', '網絡學院'],
  },
  {
    slug: 'compliance',
    nameZh: '合規',
    nameEn: 'Compliance and rule of law',
    aliases: ['合规', '法治'],
    keywords: ['合規', '法治', '廉潔', '風險防控'],
  },
];

const SOURCE_KINDS = new Set(['PROGRAM', 'PRODUCT', 'EVENT', 'PUBLICATION', 'AWARD', 'PARTNER', 'SUBSIDIARY', 'UNIT', 'ORGANIZATION']);

interface Candidate {
  from: string;
  to: string;
  evidence: { line: number; lineEnd?: number; quote: string }[];
  /** Curated by hand (ACROSS_LINES): a person read the sentence, so the edge is STATED, not RULE. */
  curated?: boolean;
}

/** Every start index of `needle` in `text`. */
function positions(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** What separates two items of a list or two clauses: a name and a keyword across one are not about each other. */
const SEPARATOR = /[\s、，。；;,:：]/;

/**
 * The shortest span of `line` holding one of `names` and one of `keywords` (overlapping, or at most
 * MAX_SPAN characters apart within one clause: no space, 、，。；or colon between them), or null.
 */
export function span(line: string, names: readonly string[], keywords: readonly string[]): string | null {
  let best: string | null = null;
  for (const n of names)
    for (const a of positions(line, n))
      for (const k of keywords)
        for (const b of positions(line, k)) {
          const [first, second] = a <= b ? [a + n.length, b] : [b + k.length, a];
          const gap = second > first ? line.slice(first, second) : '';
          if (gap.length > MAX_SPAN || SEPARATOR.test(gap)) continue;
          const quote = line.slice(Math.min(a, b), Math.max(a + n.length, b + k.length));
          if (best === null || quote.length < best.length) best = quote;
        }
  return best;
}

/**
 * ABOUT edges curated by hand: a sentence that states them across a line break, or a list whose items the
 * clause rule keeps apart although the sentence gives them one subject (「…等四家大數據領域生態合作夥伴」).
 */
const ACROSS_LINES: Candidate[] = [
  {
    from: 'subsidiary/unicom-smart-connection',
    to: 'theme/connected-vehicles',
    evidence: [
      { line: 2393, quote: '聯通智網科技引入戰略投資' },
      { line: 2395, quote: '車聯網相關的智能終端等領域' },
    ],
  },
  // 中國聯通與X、Y、Z成立北京國際雲轉播科技有限公司，打造視頻傳播的「全雲+全IP…」: the founders' purpose.
  ...['partner/xinaote', 'partner/academy-of-broadcasting-science', 'partner/gehua-catv'].map((from) => ({
    from,
    to: 'theme/media-content',
    evidence: [
      { line: 3696, quote: '2020年11月，中國聯通與北京新奧特集' },
      { line: 3699, quote: '雲轉播科技有限公司，打造視頻傳播的「全雲+全' },
    ],
  })),
  {
    from: 'partner/baidu',
    to: 'theme/smart-home',
    evidence: [
      { line: 3644, quote: '與百度組建聯合項目' },
      { line: 3645, quote: '組，聚焦智慧家庭' },
    ],
  },
  {
    from: 'partner/du-xiaoman',
    to: 'theme/big-data',
    evidence: [{ line: 2667, quote: '中國聯通與度小滿科技（北京）有限公司、杭州數夢工場科技有限公司等四家大數據領域生態合作夥伴' }],
  },
  {
    from: 'partner/fuan-nongken-group',
    to: 'theme/5g',
    evidence: [{ line: 922, quote: '與福安農墾集團合作，搭建「5G智慧茶園」平台' }],
  },
  {
    from: 'partner/fuan-nongken-group',
    to: 'theme/rural',
    evidence: [{ line: 922, quote: '福建寧德聯通在數字農業上不斷創新，與福安農墾集團合作' }],
  },
  // 與高校院所建立聯合實驗室，與清華大學、北京大學、香港中文大學等着名高校開展 … 課題研究
  ...['partner/peking-university', 'partner/cuhk'].map((from) => ({
    from,
    to: 'theme/sci-tech-innovation',
    evidence: [{ line: 2554, quote: '積極拓展產學研合作，與高校院所建立聯合實驗室，與清華大學、北京大學、香港中文大學等着名高校開展' }],
  })),
  {
    from: 'partner/zte',
    to: 'theme/sci-tech-innovation',
    evidence: [{ line: 2556, quote: '與華為公司、中興公司等高科技公司開展基站設備、網絡系' }],
  },
  // 在ITU-T、3GPP、GSMA、Linux Foundation、OpenStack等多個重要國際標準組織和開源社區的在任職位超過100個
  ...[
    'organization/itu-t',
    'organization/3gpp',
    'organization/gsma',
    'organization/linux-foundation',
    'organization/openstack-foundation',
  ].map((from) => ({
    from,
    to: 'theme/sci-tech-innovation',
    evidence: [{ line: 2786, quote: '在ITU-T、3GPP、GSMA、Linux Foundation、OpenStack等多個重要國際標準組織和開源社區' }],
  })),
  { from: 'organization/itu', to: 'theme/artificial-intelligence', evidence: [{ line: 2772, quote: 'ITU AI/ML in 5G挑戰賽' }] },
  // 持續推進雲粒、雲景、雲鏑、雲盾、智慧足跡等合資公司的產品研發迭代，提升在智慧城市、旅遊、工業互聯網 … 等領域
  ...['subsidiary/yunli', 'subsidiary/yundun'].map((from) => ({
    from,
    to: 'theme/smart-city',
    evidence: [{ line: 3671, quote: '持續推進雲粒、雲景、雲鏑、雲盾、智慧足跡等合資公司的產品研發迭代，提升在智慧城市' }],
  })),
  {
    from: 'organization/bilibili-beautiful-school',
    to: 'theme/education',
    evidence: [
      { line: 942, quote: '嗶哩嗶哩美麗小學的孩子們「面' },
      { line: 943, quote: '對面」送去豐富多樣的課程' },
    ],
  },
  {
    from: 'product/cloud-networking',
    to: 'theme/cloud-computing',
    evidence: [
      { line: 1068, quote: '推出境內外一體化雲聯網服務' },
      { line: 1069, quote: '為用戶提供一點╱多點上雲、多雲連接' },
    ],
  },
  ...['theme/smart-city', 'theme/industrial-internet'].map((to) => ({
    from: 'product/device-management-platform',
    to,
    evidence: [
      { line: 2713, quote: '自研設備管理平台支持智慧' },
      { line: 2714, quote: '城市、工業互聯網領域' },
    ],
  })),
  {
    from: 'partner/educational-big-data-lab',
    to: 'theme/big-data',
    evidence: [{ line: 3692, quote: '育大數據應用技術國家工程實驗室' }],
  },
];

/** The curated graph without the generated file itself (so a stale or broken themes.yaml never feeds back). */
function curatedWithoutThemes() {
  const dir = mkdtempSync(join(tmpdir(), 'unicom-kg-themes-'));
  try {
    cpSync(DATA_DIR, dir, { recursive: true, filter: (src) => !src.endsWith('themes.yaml') });
    return prepareGraph(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function themeCandidates(): { themes: Record<string, unknown>[]; relations: Candidate[] } {
  const rows = curatedWithoutThemes();
  const lines = rows.lines.map((l) => l.text);
  // A theme's printed and English names are no other entity's names (seed/check.ts reports any name a
  // theme shares); an alias another entity has is left out.
  const taken = new Set(
    rows.entities
      .filter((e) => e.props.kind !== 'THEME')
      .flatMap((e) => [e.props.nameZh as string, (e.props.nameEn as string) ?? '', ...((e.props.aliases as string[]) ?? [])].map(nameKey)),
  );
  const themes = THEMES.map((t) => {
    if (taken.has(nameKey(t.nameEn)))
      throw new Error(`theme ${t.nameZh}: another entity has the name "${t.nameEn}"; choose another nameEn`);
    if (taken.has(nameKey(t.nameZh)))
      throw new Error(
        `theme ${t.nameZh}: another entity has that name; remove it from the other entity's aliases when it is the theme's word, or choose another printed form`,
      );
    const first = rows.lines.find((l) => !l.duplicate && l.text.includes(t.nameZh));
    if (!first) throw new Error(`theme ${t.nameZh}: the report never prints it`);
    const at = first.text.indexOf(t.nameZh);
    return {
      id: `theme/${t.slug}`,
      kind: 'THEME',
      nameZh: t.nameZh,
      nameEn: t.nameEn,
      aliases: t.aliases.filter((a) => !taken.has(nameKey(a))),
      description: `Found on a line by: ${t.keywords.join(', ')}.`,
      derivation: 'RULE',
      rule: 'theme-table',
      evidence: [{ line: first.number, quote: first.text.slice(Math.max(0, at - 8), at + t.nameZh.length + 8).trim() }],
    };
  });

  const relations: Candidate[] = [];
  for (const e of rows.entities) {
    const kind = e.props.kind as string;
    if (!SOURCE_KINDS.has(kind)) continue;
    // Chinese names of two characters or more (Latin short forms would match inside other words).
    const names = [e.props.nameZh as string, ...((e.props.aliases as string[]) ?? [])].filter(
      (n) => /\p{Script=Han}/u.test(n) && n.length >= 2,
    );
    const nameZh = e.props.nameZh as string;
    const evLines = e.props.evidenceLines;
    const evQuotes = e.props.evidenceQuotes;
    const evEnds = e.props.evidenceLineEnds;
    const mentionLines = (e.props.mentionLines as number[]) ?? [];
    for (const t of THEMES) {
      const evidence: Candidate['evidence'] = [];
      // A short evidence quote is a (possibly broken) name: it says the theme when it holds a keyword; a
      // longer one does when the entity's printed name holds the same keyword.
      evLines.forEach((line, i) => {
        const quote = evQuotes[i] ?? '';
        const says = t.keywords.filter((k) => quote.includes(k));
        if (!isDuplicateLine(line) && says.length > 0 && (quote.length <= SHORT_QUOTE || says.some((k) => nameZh.includes(k)))) {
          const lineEnd = (evEnds[i] ?? line) > line ? evEnds[i] : undefined;
          evidence.push(lineEnd === undefined ? { line, quote } : { line, lineEnd, quote });
        }
      });
      if (evidence.length === 0)
        for (const line of [...new Set([...evLines, ...mentionLines])].sort((a, b) => a - b)) {
          if (isDuplicateLine(line)) continue;
          const quote = span(lines[line - 1] ?? '', names, t.keywords);
          if (quote) {
            evidence.push({ line, quote });
            break;
          }
        }
      if (evidence.length > 0) relations.push({ from: e.id, to: `theme/${t.slug}`, evidence: evidence.slice(0, 2) });
    }
  }
  for (const extra of ACROSS_LINES)
    if (!relations.some((r) => r.from === extra.from && r.to === extra.to)) relations.push({ ...extra, curated: true });
  // A theme nothing is ABOUT is one the report does not support: left out.
  const used = new Set(relations.map((r) => r.to));
  return { themes: themes.filter((t) => used.has(t.id)), relations };
}

/**
 * The document themes.yaml holds: the themes, and each ABOUT edge with how it was derived (RULE
 * theme-keyword for the keyword rule, STATED for one curated by hand in ACROSS_LINES).
 */
export function themesDocument({ themes, relations }: ReturnType<typeof themeCandidates> = themeCandidates()) {
  return {
    entities: themes,
    relations: relations.map((r) => ({
      type: 'ABOUT',
      from: r.from,
      to: r.to,
      ...(r.curated ? { derivation: 'STATED' } : { derivation: 'RULE', rule: 'theme-keyword' }),
      evidence: r.evidence,
    })),
  };
}

const isMain = process.argv[1]?.endsWith('theme-candidates.ts');
if (isMain) {
  const { values } = parseArgs({
    options: { write: { type: 'boolean' }, stats: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const { themes, relations } = themeCandidates();
  console.log(`${themes.length} themes, ${relations.length} ABOUT relations from ${new Set(relations.map((r) => r.from)).size} entities`);
  if (values.stats) for (const t of themes) console.log(`  ${t.nameZh}: ${relations.filter((r) => r.to === t.id).length}`);
  if (values.write) {
    const header =
      '# Themes the report is organised around and what is ABOUT them. GENERATED by tools/theme-candidates.ts\n' +
      '# (npx tsx tools/theme-candidates.ts --write): edit the theme table or the curated data there, not here.\n' +
      '# Every quote is verbatim from its line and says both the entity and the theme.\n' +
      '# derivation (DATA.md «Derivation»): an ABOUT edge the keyword rule found is RULE (rule: theme-keyword), not\n' +
      '# checked one by one; one curated by hand in the script (ACROSS_LINES) is STATED. A theme is RULE (theme-table).\n';
    const doc = themesDocument({ themes, relations });
    writeFileSync(new URL('../seed/data/themes.yaml', import.meta.url), header + stringify(doc, { lineWidth: 0 }));
    console.log('wrote seed/data/themes.yaml');
  }
}
