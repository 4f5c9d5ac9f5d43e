// meta/ping: one row when the database answers reads
RETURN 1 AS ok
