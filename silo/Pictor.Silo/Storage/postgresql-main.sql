-- Pictor.Grid on PostgreSQL: the query table shared by the Orleans ADO.NET providers (invariant Npgsql).
-- Written for this project from the providers' contract: each provider reads "SELECT QueryKey, QueryText FROM
-- OrleansQuery" once at start and then runs only the texts it finds there, binding @Name parameters.
-- Unquoted names fold to lower case; the providers look columns up by name, which Npgsql matches without case.
-- Every script is idempotent and is applied under an advisory lock by PostgresSchema.Ensure.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- Which of our scripts this database has seen, for future migrations.
CREATE TABLE IF NOT EXISTS grid_schema
(
    script     text        NOT NULL PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);
