/**
 * The report's chapters (level 1) and their sections (level 2), in source order, with the 1-based line of
 * seed/source/china-unicom-csr-2020.zh-Hant.txt where each starts. Curated by reading the text: indentation
 * alone cannot tell headings from captions, and it does not separate sections from their sub-sections.
 * `sectionsOf` in ./sections.ts checks every entry against the source and throws on a mismatch.
 */
export interface TocEntry {
  readonly title: string;
  readonly level: 1 | 2;
  readonly line: number;
  /**
   * The text to find on `line` when it is not the title itself. The PDF extraction lost some chapter
   * labels (謀發展, 拓合作 open with their subtitle only) and put some page headings after the page body
   * (關鍵績效, the index tables), so the section starts at the first line of its body instead.
   */
  readonly anchor?: string;
}

export const TOC: readonly TocEntry[] = [
  { title: '預測性陳述', level: 1, line: 1 },
  { title: '董事長致辭', level: 1, line: 9 },

  { title: '走進中國聯通', level: 1, line: 116 },
  { title: '公司簡介', level: 2, line: 118 },
  { title: '文化理念', level: 2, line: 139 },
  { title: '企業戰略', level: 2, line: 173 },
  // 資本市場責任 (201), 投資者責任 (210) and 董事會及管理層 (230) are parts of 公司治理.
  { title: '公司治理', level: 2, line: 194 },
  { title: '股權結構', level: 2, line: 279 },

  { title: '抗疫篇', level: 1, line: 319 },
  { title: '全力以赴抗擊疫情', level: 2, line: 331 },
  { title: '科技賦能復工復產', level: 2, line: 433 },
  { title: '關愛員工生命健康', level: 2, line: 523 },

  { title: '扶貧篇', level: 1, line: 536 },
  { title: '助力持續穩定脫貧', level: 2, line: 552 },
  { title: '搭建信息高速道路', level: 2, line: 893 },
  { title: '邁入智慧農業高地', level: 2, line: 915 },
  { title: '傳遞公益扶貧溫暖', level: 2, line: 949 },

  { title: '海外篇', level: 1, line: 984 },
  { title: '提高跨境服務品質', level: 2, line: 996 },
  { title: '服務「一帶一路」倡議', level: 2, line: 1082 },
  { title: '做好全球企業公民', level: 2, line: 1107 },

  { title: '提價值', level: 1, line: 1179 },
  { title: '夯實數字經濟基礎', level: 2, line: 1233 },
  { title: '實施普遍服務工程', level: 2, line: 1354 },
  { title: '築牢網絡安全防線', level: 2, line: 1406 },

  // "謀發展，數字改善人民生活品質" is printed only at 1494, after the chapter's opening page.
  { title: '謀發展', level: 1, line: 1469, anchor: '數字改善人民生活品質' },
  { title: '共享數字發展紅利', level: 2, line: 1496 },
  { title: '匠心精神服務冬奧', level: 2, line: 1860 },
  { title: '急難險重暢通無阻', level: 2, line: 1931 },
  { title: '深耕社區公益事業', level: 2, line: 2008 },

  { title: '重基礎', level: 1, line: 2080 },
  { title: '堅持合規守法經營', level: 2, line: 2111 },
  { title: '縱深推進企業改革', level: 2, line: 2190 },
  { title: '推進綠色低碳發展', level: 2, line: 2398 },

  { title: '強動力', level: 1, line: 2492 },
  { title: '優化科技創新機制', level: 2, line: 2528 },
  { title: '加大創新技術應用', level: 2, line: 2558 },
  { title: '賦能產業數字轉型', level: 2, line: 2806 },

  { title: '有激情', level: 1, line: 2907 },
  { title: '優化人才供給格局', level: 2, line: 2943 },
  { title: '加強員工權益保障', level: 2, line: 3154 },
  { title: '關愛員工持續成長', level: 2, line: 3196 },

  // "拓合作，數字構築互利共贏生態" is printed only at 3333.
  { title: '拓合作', level: 1, line: 3329, anchor: '數字構築互利共贏生態' },
  { title: '攜手友商共贏發展', level: 2, line: 3335 },
  { title: '推動產業深度合作', level: 2, line: 3467 },
  { title: '構築數字創新生態', level: 2, line: 3636 },

  { title: '責任管理', level: 1, line: 3702 },
  { title: '責任戰略', level: 2, line: 3709 },
  { title: '責任組織', level: 2, line: 3846 },
  { title: '責任制度', level: 2, line: 3925 },
  { title: '責任能力', level: 2, line: 3996 },
  { title: '責任溝通', level: 2, line: 4015 },

  // The table's first page comes before its "附錄 / 關鍵績效" heading (4227–4228).
  { title: '關鍵績效', level: 1, line: 4116, anchor: '類別 指標 單位 2018年 2019年 2020年' },
  { title: '報告說明', level: 1, line: 4348 },
  { title: '榮譽認可', level: 1, line: 4373 },

  // The index pages come out interleaved: GRI (4414–4477), the Global Compact table (4481–4509) with the
  // page headings and the contact box after it (4511–4527), the rest of GRI (4529–4751), then CASS and HKEx.
  { title: '指標索引', level: 1, line: 4414, anchor: '編號 披露頁碼' },
  { title: 'GRI可持續發展報告標準', level: 2, line: 4414, anchor: '編號 披露頁碼' },
  { title: '全球契約十項原則', level: 2, line: 4481, anchor: '編號 指標 披露頁碼' },
  { title: 'GRI可持續發展報告標準', level: 2, line: 4529, anchor: '註：' },
  { title: '社科院CASS4.0', level: 2, line: 4753, anchor: '指標名稱 披露頁碼' },
  { title: '聯交所ESG指標', level: 2, line: 5121, anchor: '指標名稱 披露頁碼' },

  { title: '意見反饋', level: 1, line: 5221 },
];
