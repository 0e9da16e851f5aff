import CaunoiCrypto
import Foundation
import GRDB

/// What is counted.
public enum StatsUnit: String, Sendable, CaseIterable {
    case persons, cases, referrals
    /// Her children (issue 15), by the codes of the child and of her case. One woman may
    /// have several: no DP (a woman, not a child, is the unit of privacy).
    case children
    /// Organisations, not women: published without suppression or noise.
    case associations
}

/// A statistics request: dimensions, unit, period and disclosure settings.
public struct StatsRequest: Sendable {
    public var dimensions: [String]
    public var unit: StatsUnit = .persons
    public var from: String?
    public var to: String?
    public var programme: Programme?
    public var threshold: Int?
    /// Set for differential privacy: ε as a decimal.
    public var epsilon: String?

    public init(dimensions: [String]) { self.dimensions = dimensions }

    /// The request in canonical form: the ledger's key for "an identical request".
    var canonical: String {
        var members: [String: JSONValue] = ["dimensions": .array(dimensions.map { .string($0) }), "unit": .string(unit.rawValue)]
        if let from { members["from"] = .string(from) }
        if let to { members["to"] = .string(to) }
        if let programme { members["programme"] = .string(programme.rawValue) }
        if let threshold { members["threshold"] = .int(threshold) }
        if let epsilon { members["epsilon"] = .string(epsilon) }
        return JSONValue.object(members).canonical
    }
}

/// One cell of an export: codes per dimension (`*` on margins), value (nil when suppressed)
/// and status (`published`, `primary`, `secondary`, or `noisy` in DP mode).
public struct StatsCell: Sendable, Equatable {
    public let key: [String]
    public let value: Int?
    public let status: String
}

public struct StatsResult: Sendable {
    public let dimensions: [String]
    public let unit: StatsUnit
    public let cells: [StatsCell]
    public let metadata: [String: JSONValue]
    /// True when a DP request was answered from the ledger instead of new noise.
    public let repeated: Bool

    public var json: JSONValue {
        .object([
            "dimensions": .array(dimensions.map { .string($0) }),
            "unit": .string(unit.rawValue),
            "cells": .array(cells.map { cell in
                .object([
                    "key": .object(Dictionary(uniqueKeysWithValues: zip(dimensions, cell.key.map { JSONValue.string($0) }))),
                    "value": cell.value.map { .int($0) } ?? .null,
                    "status": .string(cell.status),
                ])
            }),
            "metadata": .object(metadata),
        ])
    }

    public var csv: String {
        func field(_ text: String) -> String {
            text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        var lines = [(dimensions + ["value", "status"]).map(field).joined(separator: ",")]
        for cell in cells {
            lines.append((cell.key + [cell.value.map(String.init) ?? "", cell.status]).map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension CaseStore {
    /// Exports one table from plain coded columns only, with disclosure control (or DP noise),
    /// checks its own output, and records it in the ledger.
    public func exportStatistics(_ session: Session, policy: Policy, request: StatsRequest, now: Date = Now.clock.now()) throws -> StatsResult {
        try session.require(.statistician, .central)
        let settings = policy.disclosure
        let dimensions = try request.dimensions.map { name -> StatsDimension in
            guard let dimension = StatsDimension(rawValue: name), settings.dimensions.contains(name) else {
                throw CaunoiError.invalid(.by)
            }
            return dimension
        }
        guard (1...3).contains(dimensions.count), Set(dimensions).count == dimensions.count else {
            throw CaunoiError.invalid(.by)
        }
        // A referral has no contacts of its own; the case it is about does.
        if request.unit == .referrals, dimensions.contains(where: ([.contactKind, .service, .serviceProvider, .assessmentLevel] as [StatsDimension]).contains) {
            throw CaunoiError.conflicting(.by, .unit)
        }
        if request.unit != .children, dimensions.contains(where: StatsDimension.ofChildren.contains) { throw CaunoiError.conflicting(.by, .unit) }
        if request.unit == .children, request.epsilon != nil { throw CaunoiError.conflicting(.dp, .unit) }
        if request.unit == .associations {
            if dimensions.contains(where: { !StatsDimension.ofAssociations.contains($0) }) {
                throw CaunoiError.conflicting(.by, .unit)
            }
            if request.epsilon != nil { throw CaunoiError.conflicting(.dp, .unit) }
            if request.programme != nil { throw CaunoiError.conflicting(.programme, .unit) }
        }
        let threshold = request.threshold ?? settings.threshold
        guard threshold >= settings.minimumThreshold else { throw CaunoiError.invalid(.threshold) }
        if let from = request.from, !Day.isValid(from) { throw CaunoiError.invalidDate(.from) }
        if let to = request.to, !Day.isValid(to) { throw CaunoiError.invalidDate(.to) }
        let epsilon = try request.epsilon.map { text -> Rational in
            guard let value = Rational(decimal: text) else { throw CaunoiError.invalid(.epsilon) }
            guard let max = Rational(decimal: settings.maxEpsilon), value <= max else { throw CaunoiError.invalid(.epsilon) }
            return value
        }
        let budgetYear = Day.year(Day.string(now)) ?? 0
        return try write { db in
            let action = epsilon == nil ? "stats.export" : "stats.export.dp"
            let ledger = try LedgerCommitment.verifiedRows(db)
            if epsilon != nil, let stored = try repeatedAnswer(ledger, request: request, policy: policy) {
                try audit(db, session, action, record: request.dimensions.joined(separator: ","))
                return stored
            }
            if let epsilon { try checkBudget(ledger, spending: epsilon, year: budgetYear, policy: policy) }
            let counts = try StatsRecords.count(db, request: request, dimensions: dimensions, cap: settings.multiValueCap)
            let centres = try String.fetchAll(db, sql: "SELECT code FROM centres")
            let years = StatsRecords.years(request: request, dataYears: counts.dataYears, now: now)
            var table = StatsTable(dimensions: request.dimensions, codes: dimensions.map { $0.codes(policy: policy, centres: centres, years: years) })
            for (combination, units) in counts.cells { table.add(combination, weight: units) }
            var metadata: [String: JSONValue] = [
                "exported_at": .string(Timestamp.format(now)), "exported_by": .string(session.user),
                "policy_hash": .string(policy.fingerprint), "unit_rule": .string(request.unit == .persons ? "latest-case-in-period" : request.unit.rawValue),
                "multi_value_cap": .int(settings.multiValueCap),
            ]
            if let from = request.from { metadata["from"] = .string(from) }
            if let to = request.to { metadata["to"] = .string(to) }
            if let programme = request.programme { metadata["programme"] = .string(programme.rawValue) }
            let cells: [StatsCell]
            var primary = 0
            var secondary = 0
            if let epsilon {
                let sensitivity = UInt64(dimensions.filter(\.isMultiValued).reduce(1) { partial, _ in partial * settings.multiValueCap })
                cells = Self.noisyCells(table, epsilon: epsilon, sensitivity: sensitivity)
                metadata["dp"] = .object(["epsilon": .string(request.epsilon ?? ""), "mechanism": .string("discrete-laplace"),
                                          "sensitivity": .int(Int(sensitivity)), "budget_year": .int(budgetYear)])
            } else if request.unit == .associations {
                // Counts of organisations single out no woman: nothing to suppress.
                cells = table.keys.map { StatsCell(key: $0, value: table.count($0), status: "published") }
                metadata["suppression"] = .string("none: organisations")
            } else {
                let suppression = Suppression(table: table, threshold: threshold)
                // The exporter attacks its own output before anything leaves.
                guard Suppression.audit(table: table, status: suppression.status, threshold: threshold).isEmpty else {
                    throw CaunoiError.disclosureCheckFailed
                }
                cells = table.keys.map { key in
                    let status = suppression.status[key] ?? .published
                    return StatsCell(key: key, value: status == .published ? table.count(key) : nil, status: status.rawValue)
                }
                primary = cells.filter { $0.status == "primary" }.count
                secondary = cells.filter { $0.status == "secondary" }.count
                metadata["threshold"] = .int(threshold)
                metadata["suppressed_primary"] = .int(primary)
                metadata["suppressed_secondary"] = .int(secondary)
            }
            let result = StatsResult(dimensions: request.dimensions, unit: request.unit, cells: cells, metadata: metadata, repeated: false)
            let ledgerID = Ids.random(prefix: "X")
            try db.execute(sql: """
                INSERT INTO stats_ledger (id, at, user, request, policy_hash, dp, epsilon_numerator, epsilon_denominator, budget_year,
                                          threshold, cells, suppressed_primary, suppressed_secondary, result)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [ledgerID, Timestamp.format(now), session.user, request.canonical, policy.fingerprint,
                                 epsilon != nil, epsilon.map { Int64($0.numerator) }, epsilon.map { Int64($0.denominator) }, budgetYear,
                                 epsilon == nil ? threshold : nil, cells.count, primary, secondary,
                                 epsilon != nil ? result.json.canonical : nil])
            // The entry commits to the row, so the ledger cannot later lose or change it unseen.
            try audit(db, session, action, record: request.dimensions.joined(separator: ","), state: LedgerCommitment.hash(db, id: ledgerID))
            return result
        }
    }

    /// Noisy interior cells (clamped at 0), margins summed from them: post-processing only.
    static func noisyCells(_ table: StatsTable, epsilon: Rational, sensitivity: UInt64) -> [StatsCell] {
        let sampler = DiscreteLaplace(epsilon: epsilon, sensitivity: sensitivity)
        var noisy = StatsTable(dimensions: table.dimensions, codes: table.codes)
        for key in table.keys where !key.contains(StatsTable.all) {
            noisy.add(key, weight: max(0, table.count(key) + sampler.sample()))
        }
        return noisy.keys.map { StatsCell(key: $0, value: noisy.count($0), status: "noisy") }
    }

    private func repeatedAnswer(_ ledger: [Row], request: StatsRequest, policy: Policy) throws -> StatsResult? {
        guard let text = ledger.first(where: {
            ($0["dp"] as Bool?) == true && ($0["request"] as String?) == request.canonical && ($0["policy_hash"] as String?) == policy.fingerprint
        })?["result"] as String? else { return nil }
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        guard case .array(let cells)? = json["cells"], case .object(let metadata)? = json["metadata"] else {
            throw CaunoiError.integrityFailure(record: "stats_ledger")
        }
        let parsed = cells.map { cell -> StatsCell in
            let key = request.dimensions.map { cell["key"]?[$0]?.string ?? "" }
            let value: Int? = if case .int(let n)? = cell["value"] { n } else { nil }
            return StatsCell(key: key, value: value, status: cell["status"]?.string ?? "noisy")
        }
        return StatsResult(dimensions: request.dimensions, unit: request.unit, cells: parsed, metadata: metadata, repeated: true)
    }

    private func checkBudget(_ ledger: [Row], spending epsilon: Rational, year: Int, policy: Policy) throws {
        var spent = Rational(numerator: 0, denominator: 1)
        for row in ledger where (row["dp"] as Bool?) == true && (row["budget_year"] as Int?) == year {
            spent = spent + Rational(numerator: UInt64(row["epsilon_numerator"] as Int64), denominator: UInt64(row["epsilon_denominator"] as Int64))
        }
        guard let budget = Rational(decimal: policy.disclosure.yearlyBudget), spent + epsilon <= budget else {
            throw CaunoiError.privacyBudgetExhausted(year: year)
        }
    }
}
