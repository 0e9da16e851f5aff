import GRDB

/// A woman whose personal data the retention policy no longer allows keeping.
public struct RetentionCandidate: Sendable, Equatable {
    public let person: String
    public let centre: String
    public let cases: [String]
    /// The day her data became due for erasure: the latest of each case's closing day plus
    /// its programme's period.
    public let dueOn: String
}

extension CaseStore {
    /// Applies `policy/retention.yaml`: erases every woman whose cases are all closed, each for
    /// at least its programme's period, and who has no referral in progress. `dryRun` only
    /// lists them. Admins act on every centre, a manager on hers.
    public func runRetention(_ session: Session, policy: Policy, dryRun: Bool) throws -> [RetentionCandidate] {
        try runRetention(session, policy: policy, dryRun: dryRun, today: Day.today())
    }

    /// `today` is a parameter for tests only; the command always uses the real date.
    func runRetention(_ session: Session, policy: Policy, dryRun: Bool, today: String) throws -> [RetentionCandidate] {
        try session.require(.admin, .manager)
        let centre = session.role == .manager ? session.centre : nil
        let due = try write { db in
            let due = try Self.dueForErasure(db, settings: policy.retention, centre: centre, today: today)
            // The closing days that make her due are plain columns: a manager, who can open her
            // data, checks each of her cases' seals first, so a back-dated closure erases nobody.
            // (An admin cannot; see docs/SECURITY.md.)
            if session.role == .manager {
                for candidate in due {
                    let vault = try personVault(db, id: candidate.person, session: session)
                    for caseID in try String.fetchAll(db, sql: "SELECT id FROM cases WHERE person_id = ?", arguments: [candidate.person]) {
                        try CaseSeal.verify(db, caseID: caseID, vault: vault)
                    }
                }
            }
            try audit(db, session, dryRun ? "retention.dry-run" : "retention.run", record: String(due.count), centre: centre)
            if !dryRun {
                for candidate in due {
                    try audit(db, session, "subject.erase.retention", record: candidate.person, centre: candidate.centre)
                    try Shredder.shred(db, person: candidate.person, by: session.user, basis: .retention)
                }
            }
            return due
        }
        if !dryRun, !due.isEmpty { try checkpoint() }
        return due
    }

    static func dueForErasure(_ db: Database, settings: RetentionSettings, centre: String?, today: String) throws -> [RetentionCandidate] {
        let open = ReferralStatus.open.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let rows = try Row.fetchAll(db, sql: """
            SELECT p.id, p.centre, c.id AS case_id, c.programme, c.closed_on
            FROM persons p JOIN cases c ON c.person_id = p.id
            WHERE p.wrapped_dek IS NOT NULL AND (? IS NULL OR p.centre = ?)
              AND NOT EXISTS (SELECT 1 FROM cases o WHERE o.person_id = p.id AND o.status <> 'closed')
              AND NOT EXISTS (SELECT 1 FROM referrals r JOIN cases o ON o.id = r.case_id
                              WHERE o.person_id = p.id AND r.status IN (\(open)))
            ORDER BY p.id, c.id
            """, arguments: [centre, centre])
        var result: [RetentionCandidate] = []
        var index = 0
        while index < rows.count {
            let person: String = rows[index]["id"]
            var cases: [String] = []
            var dueOn = ""
            while index < rows.count, rows[index]["id"] as String == person {
                let row = rows[index]
                cases.append(row["case_id"])
                let years = (Programme(rawValue: row["programme"])).flatMap { settings.keepYears[$0] } ?? Int.max / 2
                dueOn = max(dueOn, Self.adding(years: years, to: row["closed_on"] ?? today))
                index += 1
            }
            if dueOn <= today { result.append(RetentionCandidate(person: person, centre: rows[index - 1]["centre"], cases: cases, dueOn: dueOn)) }
        }
        return result
    }

    /// The same calendar day `years` later (29 February becomes 28 February in common years).
    static func adding(years: Int, to day: String) -> String {
        guard let parts = Day.parse(day), years < 10_000 else { return "9999-12-31" }
        let year = parts.year + years
        return Day.format(year: year, month: parts.month, day: min(parts.day, Day.daysIn(month: parts.month, year: year)))
    }
}
