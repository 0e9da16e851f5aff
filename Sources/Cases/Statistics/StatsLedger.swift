import Foundation
import GRDB

/// One past export, as listed by `stats ledger` (no cells).
public struct LedgerEntry: Sendable {
    public let id: String
    public let at: String
    public let user: String
    public let request: String
    public let policyHash: String
    public let dp: Bool
    public let epsilon: String?
    public let cells: Int
    public let suppressedPrimary: Int
    public let suppressedSecondary: Int
}

extension CaseStore {
    /// Past exports and the DP budget spent per calendar year.
    public func statsLedger(_ session: Session, policy: Policy) throws -> (entries: [LedgerEntry], spent: [Int: String], budget: String) {
        try session.require(.statistician, .central, .admin)
        return try write { db in
            try audit(db, session, "stats.ledger")
            let rows = try LedgerCommitment.verifiedRows(db)
            let entries = rows.map { row in
                LedgerEntry(id: row["id"], at: row["at"], user: row["user"], request: row["request"], policyHash: row["policy_hash"],
                            dp: row["dp"], epsilon: (row["epsilon_numerator"] as Int64?).map { n in
                                Rational(numerator: UInt64(n), denominator: UInt64(row["epsilon_denominator"] as Int64)).description
                            },
                            cells: row["cells"], suppressedPrimary: row["suppressed_primary"], suppressedSecondary: row["suppressed_secondary"])
            }
            var spent: [Int: Rational] = [:]
            for row in rows where (row["dp"] as Bool?) == true {
                let epsilon = Rational(numerator: UInt64(row["epsilon_numerator"] as Int64), denominator: UInt64(row["epsilon_denominator"] as Int64))
                spent[row["budget_year"]] = (spent[row["budget_year"]] ?? Rational(numerator: 0, denominator: 1)) + epsilon
            }
            return (entries, spent.mapValues(\.description), policy.disclosure.yearlyBudget)
        }
    }

    /// The catalogue with its code lists (for `stats dimensions`).
    public func statsCatalogue(_ session: Session, policy: Policy) throws -> [(name: String, multiValued: Bool, codes: [String])] {
        let centres = try read { db in
            try session.requireStillValid(db)
            return try String.fetchAll(db, sql: "SELECT code FROM centres")
        }
        let year = Now.year()
        return policy.disclosure.dimensions.compactMap(StatsDimension.init(rawValue:)).map {
            ($0.rawValue, $0.isMultiValued, $0.codes(policy: policy, centres: centres, years: year...year))
        }
    }
}
