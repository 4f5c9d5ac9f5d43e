/**
 * The showcase queries: GraphiQL opens with one tab each, the README shows them with their output, and
 * tests run every one against the real graph so none of them can rot.
 */
export const EXAMPLES = {
  chinaTelecomPartnerships: /* GraphQL */ `# Who partners with China Telecom, on what?
query ChinaTelecomPartnerships {
  entity(name: "China Telecom") {
    id
    nameZh
    ... on Partner {
      sector
      partnerships { with { nameZh } kind label date evidence { line quote } }
      programs { id nameZh nameEn }
    }
  }
}`,
  meituanNeighborhood: /* GraphQL */ `# Meituan's neighbourhood: everything within two hops
query MeituanNeighborhood {
  neighborhood(id: "partner/meituan", depth: 2, limit: 40) {
    nodes { id kind nameZh }
    edges { source target type year }
    truncated
  }
}`,
  fourGBaseStations: /* GraphQL */ `# The 4G base-station series, 2018-2020, and its change
query FourGBaseStations {
  metric(name: "4G基站到達數量") {
    nameZh nameEn unit category
    values { year value printed evidence { line quote } }
    change(from: 2018, to: 2020) { absolute percent }
  }
}`,
  meituanToWinterOlympics: /* GraphQL */ `# How is 美團 connected to 智慧冬奧?
query MeituanToWinterOlympics {
  paths(from: "partner/meituan", to: "program/smart-winter-olympics", maxLength: 4, first: 3) {
    length
    nodes { id nameZh }
    edges { source type target }
  }
}`,
  awardsByIssuer: /* GraphQL */ `# Awards and who issued them
query AwardsByIssuer {
  entities(kinds: [AWARD], first: 50) {
    totalCount
    edges { node { nameZh ... on Award { year issuers { nameZh } recipients { nameZh } } } }
  }
}`,
  search: /* GraphQL */ `# Search in Simplified or Traditional Chinese, or English
query Search {
  search(query: "中国电信", first: 5) { score matched entity { id kind nameZh nameEn } }
}`,
  partnersOn5G: /* GraphQL */ `# Who works with China Unicom on 5G?
# (A list argument takes a single value too: kinds: THEME is kinds: [THEME].)
query PartnersOn5G {
  theme: entity(name: "5G", kinds: THEME) {
    nameZh
    ... on Theme {
      partners { id nameZh nameEn ... on Partner { sector partnerships { label evidence { line quote } } } }
      programs { id nameZh partners { nameZh } }
      events: entities(kinds: EVENT) { id nameZh }
      publications: entities(kinds: PUBLICATION) { id nameZh }
    }
  }
}`,
  partnersByPrograms: /* GraphQL */ `# Filter and sort: partners by how many programs they take part in
# (List arguments take single values here, as GraphiQL's Explorer pane reads them best.)
query PartnersByPrograms {
  entities(where: { kinds: PARTNER }, sort: { by: NEIGHBOURS, kind: PROGRAM, direction: DESC }, first: 5) {
    totalCount
    edges { node { nameZh ... on Partner { sector programs { nameZh branches { nameZh region { nameZh } } } } } }
  }
}`,
  reportSentences: /* GraphQL */ `# Read the report in sentences: where does it discuss 物聯網 (IoT)?
# Sentences join the PDF's wrapped lines, so a phrase broken over two lines is found too.
query ReportSentences {
  sentences(search: "物聯網", first: 5) {
    totalCount
    edges { node { id text lineStart lineEnd section entities { id nameZh } } }
  }
  meituan: entity(name: "美團") {
    sentences(first: 3) { totalCount edges { node { text } } }
    evidence { line lineEnd quote sentence { text } }
  }
}`,
  countsPerGroup: /* GraphQL */ `# Aggregations: partners per sector, awards per issuer, network metrics per year
query CountsPerGroup {
  sectors: entityAggregate(where: { kinds: PARTNER }, groupBy: { field: SECTOR }) { count groups { key count } }
  issuers: entityAggregate(where: { kinds: AWARD }, groupBy: { field: RELATED, relationTypes: ISSUED_BY, direction: OUT }, first: 5) {
    groups { count entity { nameZh } }
  }
  network: metricValueStats(categories: "網絡能力", groupBy: YEAR) { key count }
}`,
  povertyProgramsPerProvince: /* GraphQL */ `# Combine conditions: programmes about poverty alleviation, per province they reach
# (about: a theme id; PROVINCE follows LOCATED_IN, and the branches that run a programme)
query PovertyProgramsPerProvince {
  entityAggregate(where: { kinds: PROGRAM, about: "theme/poverty-alleviation" }, groupBy: { field: PROVINCE }) {
    count
    groups { count entity { id nameZh nameEn } }
  }
}`,
  partnersOf5GPrograms: /* GraphQL */ `# Partners of programmes about 5G, per sector
# relatedTo takes one entity ({ id: "program/5g-xr-plan" }) or, as here, any entity meeting a nested filter
query PartnersOf5GPrograms {
  sectors: entityAggregate(
    where: { kinds: PARTNER, relatedTo: { where: { kinds: PROGRAM, about: "theme/5g" } } }
    groupBy: { field: SECTOR }
  ) { count groups { key count } }
  partners: entities(where: { kinds: PARTNER, relatedTo: { where: { kinds: PROGRAM, about: "theme/5g" } } }) {
    edges { node { nameZh ... on Partner { sector programs { nameZh } } } }
  }
}`,
} as const;
