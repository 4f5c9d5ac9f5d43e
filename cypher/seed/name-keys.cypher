// seed/name-keys: MERGEs the folded name keys of entities from $rows [{id, key, entityId, kind, rank, name}] (the exact look-up index)
UNWIND $rows AS r
MERGE (k:NameKey {id: r.id})
SET k = r
