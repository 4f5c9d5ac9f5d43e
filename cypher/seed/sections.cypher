// seed/sections: MERGEs report sections from $rows [{id, title, level, startLine, endLine, parentId, path}]
UNWIND $rows AS r
MERGE (s:Section {id: r.id})
SET s = r
