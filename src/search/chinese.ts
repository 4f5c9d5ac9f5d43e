import * as OpenCC from 'opencc-js';

// The ONE set-up of OpenCC (each converter loads its dictionaries once): the seeder, the KPI parser, name
// folding and search all convert with these.

/** Traditional as written in Taiwan and Hong Kong → Simplified (mainland): 網絡 → 网络. */
export const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** Simplified → Traditional (Taiwan standard): 网络 → 網絡. */
export const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });

/** Generic Traditional (OpenCC's `t`) → Simplified: catches the characters the Taiwan table leaves. */
export const genericToSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
