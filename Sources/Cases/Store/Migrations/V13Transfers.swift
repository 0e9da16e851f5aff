/// Transfers between centres (issue 15): a woman who moves province goes, with all her cases,
/// to the centre of her new province once its manager accepts.
enum V13Transfers: SchemaMigration {
    static let identifier = "v13-transfers"
    static let sql = """
            -- A transfer asked by a manager of her centre. `sealed_key` is her data key sealed
            -- (crypto_box_seal) to the receiving centre's certified box key, with her person
            -- id and the receiving centre bound inside; it is cleared once the transfer is
            -- decided or her data erased. The reason is sealed under her data key.
            CREATE TABLE transfers (
                id TEXT PRIMARY KEY NOT NULL,
                person_id TEXT NOT NULL REFERENCES persons(id),
                from_centre TEXT NOT NULL REFERENCES centres(code),
                to_centre TEXT NOT NULL REFERENCES centres(code),
                to_key_version INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined')),
                sealed_key BLOB,
                reason BLOB,
                requested_by TEXT NOT NULL,
                requested_on TEXT NOT NULL,
                decided_by TEXT,
                decided_on TEXT,
                CHECK (from_centre <> to_centre),
                CHECK ((status = 'pending') = (decided_on IS NULL))
            );
            CREATE UNIQUE INDEX transfers_pending ON transfers(person_id) WHERE status = 'pending';
            CREATE INDEX transfers_to ON transfers(to_centre, status);
            """
}
