// seed/entities: MERGEs entities from $rows [{id, label, props}]; props replace what was there
UNWIND $rows AS r
MERGE (n:Entity {id: r.id})
SET n = r.props
SET n:$(r.label)
