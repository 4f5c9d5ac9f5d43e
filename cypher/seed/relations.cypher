// seed/relations: MERGEs relationships from $rows [{id, type, from, to, props}] between existing entities
UNWIND $rows AS r
MATCH (a:Entity {id: r.from}), (b:Entity {id: r.to})
MERGE (a)-[x:$(r.type) {id: r.id}]->(b)
SET x = r.props, x.id = r.id
RETURN count(x) AS written
