// entity/degree: the number of relationships between each of $ids and other entities, as {id, degree}
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, COUNT { (n)--(:Entity) } AS degree
