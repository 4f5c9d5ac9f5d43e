/**
 * The peer: the same operations served by @neo4j/graphql 7, written the way its documentation
 * recommends: one @node type per label (plus :Entity, so that id lookups use the entity_id index), @relationship fields for typed edges, @fulltext over the
 * existing 'entity_names' index, and @cypher where the generated API cannot express the operation
 * (multi-type relationships, breadth-first neighbourhoods, shortest paths, sorting or filtering by a derived
 * count, group-by aggregation).
 */
export const PEER_TYPE_DEFS = /* GraphQL */ `
  type Entity
    @node(labels: ["Entity"])
    @fulltext(indexes: [{ indexName: "entity_names", queryName: "searchEntities", fields: ["nameZh", "nameEn", "searchText"] }]) {
    id: ID!
    kind: String!
    nameZh: String!
    nameEn: String
    aliases: [String!]
    searchText: String
    "Every relationship to another entity, both directions (a generic view; typed fields are below on each kind)."
    relations: [Relation!]!
      @cypher(
        statement: """
        MATCH (this)-[r]-(other:Entity)
        RETURN { type: type(r), direction: CASE WHEN startNode(r) = this THEN 'OUT' ELSE 'IN' END,
                 otherId: other.id, otherKind: other.kind, otherNameZh: other.nameZh } AS rel
        """
        columnName: "rel"
      )
  }

  type Relation {
    type: String!
    direction: String!
    otherId: ID!
    otherKind: String!
    otherNameZh: String!
  }

  type Partner @node(labels: ["Partner", "Entity"]) {
    id: ID!
    nameZh: String!
    nameEn: String
    sector: String
    programs: [Program!]! @relationship(type: "PARTICIPATES_IN", direction: OUT)
    "Relationships to other entities (a derived value: @cypher, filterable)."
    degree: Int! @cypher(statement: "RETURN COUNT { (this)--(:Entity) } AS degree", columnName: "degree")
    "Distinct programs it is linked to (a derived value: @cypher, sortable)."
    programCount: Int!
      @cypher(statement: "RETURN COUNT { MATCH (this)--(g:Program) RETURN DISTINCT g } AS programCount", columnName: "programCount")
  }

  type Program @node(labels: ["Program", "Entity"]) {
    id: ID!
    nameZh: String!
    nameEn: String
    runBy: [Branch!]! @relationship(type: "RUNS", direction: IN)
    joinedBy: [Branch!]! @relationship(type: "PARTICIPATES_IN", direction: IN)
  }

  type Branch @node(labels: ["Branch", "Entity"]) {
    id: ID!
    nameZh: String!
    nameEn: String
    region: [Region!]! @relationship(type: "LOCATED_IN", direction: OUT)
  }

  type Region @node(labels: ["Region", "Entity"]) {
    id: ID!
    nameZh: String!
    nameEn: String
    level: String
  }

  type KindCount {
    key: String!
    count: Int!
  }

  type EntityCounts {
    count: Int!
    groups: [KindCount!]!
  }

  type Metric @node(labels: ["Metric", "Entity"]) {
    id: ID!
    nameZh: String!
    nameEn: String
    unit: String
    values: [MetricValue!]! @relationship(type: "HAS_VALUE", direction: OUT)
  }

  type MetricValue @node(labels: ["MetricValue"]) {
    id: ID!
    year: Int!
    value: Float
    printed: String!
  }

  type GraphEdge {
    id: String
    source: ID!
    target: ID!
    type: String!
  }

  type GraphPath {
    nodeIds: [ID!]!
    edges: [GraphEdge!]!
  }

  type Query {
    "How many entities lie in region $id (LOCATED_IN, any depth, and the programs and products of the branches there), per kind: no group-by in the generated API."
    regionContents(id: ID!): EntityCounts!
      @cypher(
        statement: """
        MATCH (r:Entity {id: $id})
        CALL (r) {
          MATCH (n:Entity)-[:LOCATED_IN*1..]->(r) RETURN n
          UNION
          MATCH (n:Entity)<-[:RUNS|PARTICIPATES_IN|OFFERS]-(:Branch)-[:LOCATED_IN*1..]->(r) WHERE n.kind IN ['PROGRAM', 'PRODUCT'] RETURN n
        }
        WITH n.kind AS key, count(DISTINCT n) AS count
        ORDER BY count DESC, key
        RETURN { count: coalesce(sum(count), 0), groups: collect({ key: key, count: count }) } AS result
        """
        columnName: "result"
      )
    "Entities within $depth hops of $id (the centre included), breadth-first."
    neighborhood(id: ID!, depth: Int!): [Entity!]!
      @cypher(
        statement: """
        MATCH (c:Entity {id: $id})
        CALL (c) {
          MATCH (c)-[*1..2]-(n:Entity) WHERE $depth >= 2 RETURN n
          UNION
          MATCH (c)--(n:Entity) RETURN n
          UNION
          RETURN c AS n
        }
        RETURN DISTINCT n
        """
        columnName: "n"
      )
    "Every relationship among the entities within $depth hops of $id."
    neighborhoodEdges(id: ID!, depth: Int!): [GraphEdge!]!
      @cypher(
        statement: """
        MATCH (c:Entity {id: $id})
        CALL (c) {
          MATCH (c)-[*1..2]-(n:Entity) WHERE $depth >= 2 RETURN n
          UNION
          MATCH (c)--(n:Entity) RETURN n
          UNION
          RETURN c AS n
        }
        WITH collect(DISTINCT n) AS ns
        UNWIND ns AS a
        MATCH (a)-[r]->(b:Entity) WHERE b IN ns
        RETURN { id: r.id, source: a.id, target: b.id, type: type(r) } AS e
        """
        columnName: "e"
      )
    "The shortest paths between two entities, at most $maxLength hops."
    shortestPaths(from: ID!, to: ID!, maxLength: Int!, first: Int!): [GraphPath!]!
      @cypher(
        statement: """
        MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
        MATCH p = allShortestPaths((a)-[*..6]-(b))
        WHERE length(p) <= $maxLength
        RETURN { nodeIds: [n IN nodes(p) | n.id],
                 edges: [r IN relationships(p) | { id: r.id, source: startNode(r).id, target: endNode(r).id, type: type(r) }] } AS path
        LIMIT $first
        """
        columnName: "path"
      )
  }
`;
