-- Pictor.Grid grain storage for Microsoft.Orleans.Persistence.AdoNet on PostgreSQL.
-- Parameters: @GrainIdHash @GrainIdN0 @GrainIdN1 @GrainTypeHash @GrainTypeString @GrainIdExtensionString
-- @ServiceId @GrainStateVersion @PayloadBinary. Reads answer (PayloadBinary, Version); writes and clears answer
-- one NewGrainStateVersion row when they applied, and no row when they did not.
--
-- Versioning (optimistic concurrency), as in sqlite-persistence.sql: a write names the version it read (NULL
-- for a record it never saw). It applies only if the stored version still equals it. A stale write, or a
-- create of a record that exists, answers no row, and the provider throws InconsistentStateException: a
-- duplicate activation can never silently overwrite newer state. Concurrent writers of one version
-- serialize on the row lock and the loser re-checks the version after the winner commits.

-- grain_id_extension is '' instead of NULL so that it can be part of the primary key.
CREATE TABLE IF NOT EXISTS grid_storage
(
    service_id         text        NOT NULL,
    grain_type_hash    integer     NOT NULL,
    grain_id_hash      integer     NOT NULL,
    grain_id_n0        bigint      NOT NULL,
    grain_id_n1        bigint      NOT NULL,
    grain_type         text        NOT NULL,
    grain_id_extension text        NOT NULL DEFAULT '',
    payload            bytea       NULL,
    modified_at        timestamptz NOT NULL DEFAULT now(),
    version            integer     NOT NULL,
    PRIMARY KEY (service_id, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1, grain_type, grain_id_extension)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', $q$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM grid_storage
WHERE service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_id_extension = coalesce(@GrainIdExtensionString, '');
$q$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', $q$
WITH inserted AS (
    INSERT INTO grid_storage (service_id, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1, grain_type,
                              grain_id_extension, payload, modified_at, version)
    SELECT @ServiceId, @GrainTypeHash, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeString,
           coalesce(@GrainIdExtensionString, ''), @PayloadBinary, now(), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version),
updated AS (
    UPDATE grid_storage
    SET payload = @PayloadBinary, modified_at = now(), version = version + 1
    WHERE @GrainStateVersion IS NOT NULL
      AND service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
      AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
      AND version = @GrainStateVersion
    RETURNING version)
SELECT version AS "NewGrainStateVersion" FROM inserted
UNION ALL
SELECT version FROM updated;
$q$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Clearing keeps the row (payload NULL) and bumps the version, so a later write still needs the right version.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', $q$
UPDATE grid_storage
SET payload = NULL, modified_at = now(), version = version + 1
WHERE @GrainStateVersion IS NOT NULL
  AND service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion";
$q$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

-- Used only with DeleteStateOnClear: removes the row and answers the version it would have had next.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', $q$
DELETE FROM grid_storage
WHERE @GrainStateVersion IS NOT NULL
  AND service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND grain_type = @GrainTypeString
  AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
  AND version = @GrainStateVersion
RETURNING version + 1 AS "NewGrainStateVersion";
$q$) ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
