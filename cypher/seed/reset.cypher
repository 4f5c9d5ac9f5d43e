// seed/reset: removes every node and relationship (the seeder's --reset; runs inside the seed transaction)
MATCH (n) DETACH DELETE n
