/// Statistics: the privacy-budget ledger of released tables.
enum V3Statistics: SchemaMigration {
    static let identifier = "v3-statistics"
    static let sql = """
            -- Every statistics export: who, when, what was asked, under which policy, what was
            -- suppressed, and for DP exports the epsilon spent and the noisy answer (aggregate
            -- counts only), returned again for an identical request instead of fresh noise.
            CREATE TABLE stats_ledger (
                id TEXT PRIMARY KEY NOT NULL,
                at TEXT NOT NULL,
                user TEXT NOT NULL,
                request TEXT NOT NULL,
                policy_hash TEXT NOT NULL,
                dp INTEGER NOT NULL CHECK (dp IN (0, 1)),
                epsilon_numerator INTEGER,
                epsilon_denominator INTEGER,
                budget_year INTEGER NOT NULL,
                threshold INTEGER,
                cells INTEGER NOT NULL,
                suppressed_primary INTEGER NOT NULL DEFAULT 0,
                suppressed_secondary INTEGER NOT NULL DEFAULT 0,
                result TEXT,
                CHECK (dp = 0 OR (epsilon_numerator > 0 AND epsilon_denominator > 0 AND result IS NOT NULL))
            );
            CREATE INDEX stats_ledger_request ON stats_ledger(request, policy_hash);
            """
}
