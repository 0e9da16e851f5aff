import CaunoiCrypto
import GRDB

/// What `case find` searches by.
public enum FindQuery: Sendable {
    case name(String)
    case phone(String)
    case idNumber(String)
    case passport(String)
}

/// One hit of `case find`: the case, her name (shown only to a user who may read it), centre.
public struct FoundCase: Sendable, Equatable {
    public let id: String
    public let name: String
    public let centre: String
    public let programme: Programme
    public let status: CaseStatus
}

/// What one search found, and what it cost: the benchmark (issue 7) reports candidates per
/// lookup, and the CLI says when the limit cut the list short.
public struct FindResult: Sendable {
    /// The cases of the women shown (at most `limit` women), sorted by case id.
    public let cases: [FoundCase]
    /// Women whose blind-index entries matched and who were decrypted and compared.
    public let candidates: Int
    /// Women shown.
    public let women: Int
    /// True when more women matched than the limit allowed.
    public let more: Bool
}

extension CaseStore {
    /// How many women a search shows unless asked otherwise: a common Vietnamese name can
    /// match thousands at national scale, and a list that long helps no counsellor.
    public static let defaultFindLimit = 50

    /// Finds cases through blind indexes, restricted to centres whose keys the user holds,
    /// and keeps only candidates whose decrypted fields really match.
    public func findCases(_ session: Session, policy: Policy, query: FindQuery, limit: Int = defaultFindLimit) throws -> [FoundCase] {
        try search(session, policy: policy, query: query, limit: limit).cases
    }

    /// The search itself. Candidates are examined in the order of the blind index (by person
    /// id, so no sort: ordering a common name's thousands of candidates by recency cost more
    /// than decrypting them) and only until `limit` + 1 women matched.
    /// Each candidate's DEK is unwrapped and only the columns the comparison needs (and her
    /// name, to show) are opened: the first profile showed every field of every candidate
    /// being decrypted, linear in the size of a name's bucket (issue 7).
    public func search(_ session: Session, policy: Policy, query: FindQuery, limit: Int = defaultFindLimit) throws -> FindResult {
        try session.require(.counsellor, .manager)
        guard limit >= 1 else { throw CaunoiError.invalid(.limit) }
        let indexer = try BlindIndexer(indexKey: session.indexKey(), settings: policy.blindIndex)
        return try write { db in
            try audit(db, session, "case.find")
            var scan: Scan
            switch query {
            case .name(let text):
                let tokens = Normalise.nameTokens(text)
                guard !tokens.isEmpty else { throw CaunoiError.invalid(.name) }
                // Exact (order-free) name first; if nothing matches, every name holding all the tokens.
                let key = tokens.sorted().joined(separator: " ")
                let wanted = tokens.map { Array($0.utf8) }
                let exact = try indexer.entry(.name, normalised: key)
                scan = try matching(db, [exact], session: session, columns: [.name, .otherNames], limit: limit) {
                    $0.allNames.contains { WipedNormalForms.Name($0).hasExactly(wanted) }
                }
                if scan.matches.isEmpty {
                    let entries = try Set(tokens).sorted().map { try indexer.entry(.nameToken, normalised: $0) }
                    let fallback = try matching(db, entries, session: session, columns: [.name, .otherNames], limit: limit) {
                        $0.allNames.contains { WipedNormalForms.Name($0).contains(wanted) }
                    }
                    scan = Scan(matches: fallback.matches, examined: scan.examined + fallback.examined, more: fallback.more)
                }
            case .phone(let text):
                let normal = Normalise.phone(text)
                let wanted = SecureBytes(utf8: normal)
                scan = try matching(db, [indexer.entry(.phone, normalised: normal)], session: session, columns: [.name, .phones], limit: limit) {
                    $0.phones.contains { WipedNormalForms.phone($0) == wanted }
                }
            case .idNumber(let text):
                let normal = Normalise.document(text)
                let wanted = SecureBytes(utf8: normal)
                scan = try matching(db, [indexer.entry(.idNumber, normalised: normal)], session: session, columns: [.name, .idNumber], limit: limit) {
                    $0.idNumber.map { WipedNormalForms.document($0) == wanted } ?? false
                }
            case .passport(let text):
                let normal = Normalise.document(text)
                let wanted = SecureBytes(utf8: normal)
                scan = try matching(db, [indexer.entry(.passport, normalised: normal)], session: session, columns: [.name, .passport], limit: limit) {
                    $0.passport.map { WipedNormalForms.document($0) == wanted } ?? false
                }
            }
            var found: [FoundCase] = []
            let statement = try db.cachedStatement(sql: "SELECT id, programme, status FROM cases WHERE person_id = ? ORDER BY id")
            for match in scan.matches {
                for row in try Row.fetchAll(statement, arguments: [match.personID]) {
                    found.append(FoundCase(id: row["id"], name: match.name, centre: match.centre, programme: row["programme"], status: row["status"]))
                }
            }
            return FindResult(cases: found.sorted { $0.id < $1.id }, candidates: scan.examined, women: scan.matches.count, more: scan.more)
        }
    }

    /// The outcome of examining one set of candidates.
    private struct Scan {
        var matches: [(personID: String, name: String, centre: String)]
        var examined: Int
        var more: Bool
    }

    /// Candidates holding every entry, in index order, each opened on `columns`
    /// only and compared, until `limit` + 1 match. A candidate that fails its integrity check
    /// is reported (65, naming her record): skipping her would answer "no case found" for a
    /// woman who is there. One whose key version the user lacks is not hers to find; an erased
    /// woman has no key and is not a candidate.
    private func matching(
        _ db: Database, _ entries: [IndexEntry], session: Session, columns: [PersonColumn], limit: Int,
        matches: (PersonFields) -> Bool
    ) throws -> Scan {
        let centres = Array(session.readableCentres).sorted()
        guard let first = entries.first, !centres.isEmpty else { return Scan(matches: [], examined: 0, more: false) }
        let others = entries.dropFirst().map { _ in "AND EXISTS (SELECT 1 FROM blind_indexes b WHERE b.person_id = p.id AND b.kind = ? AND b.value = ?)" }
        var arguments: [(any DatabaseValueConvertible)?] = [first.kind.rawValue, first.value]
        for entry in entries.dropFirst() { arguments += [entry.kind.rawValue, entry.value] }
        arguments += centres
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT p.id, p.centre, k.key_version, p.wrapped_dek, \(columns.map { "p.\($0.rawValue)" }.joined(separator: ", "))
            FROM blind_indexes f JOIN persons p ON p.id = f.person_id JOIN centres k ON k.code = p.centre
            WHERE f.kind = ? AND f.value = ? \(others.joined(separator: " "))
              AND p.centre IN (\(centres.map { _ in "?" }.joined(separator: ", "))) AND p.wrapped_dek IS NOT NULL
            ORDER BY f.person_id
            """, arguments: StatementArguments(arguments))
        var scan = Scan(matches: [], examined: 0, more: false)
        while let row = try cursor.next() {
            scan.examined += 1
            let personID: String = row["id"]
            let centre: String = row["centre"]
            var blobs: [PersonColumn: [UInt8]] = [:]
            for column in columns { if let blob = row.optionalBytes(column.rawValue) { blobs[column] = blob } }
            guard let wrapped = row.optionalBytes("wrapped_dek"),
                  let vault = try Self.readable(PersonVault.open(personID: personID, wrapped: wrapped, session: session, centre: centre,
                                                                 currentVersion: row["key_version"])) else { continue }
            let fields = try PersonFields.opened(from: blobs, with: vault)
            guard matches(fields) else { continue }
            if scan.matches.count == limit {
                scan.more = true
                break
            }
            scan.matches.append((personID, fields.name?.revealed ?? "", centre))
        }
        return scan
    }

    /// Persons of the user's readable centres holding every one of these index entries.
    func candidates(_ db: Database, _ entries: [IndexEntry], session: Session) throws -> [String] {
        let centres = Array(session.readableCentres)
        guard !entries.isEmpty, !centres.isEmpty else { return [] }
        let matches = entries.map { _ in "EXISTS (SELECT 1 FROM blind_indexes b WHERE b.person_id = p.id AND b.kind = ? AND b.value = ?)" }
        var arguments: [(any DatabaseValueConvertible)?] = []
        for entry in entries { arguments += [entry.kind.rawValue, entry.value] }
        arguments += centres
        // Drive the query from the most selective-looking entry's index.
        let first = entries[0]
        let sql = """
            SELECT p.id FROM blind_indexes f JOIN persons p ON p.id = f.person_id
            WHERE f.kind = ? AND f.value = ? AND \(matches.joined(separator: " AND "))
              AND p.centre IN (\(centres.map { _ in "?" }.joined(separator: ", ")))
            """
        return try String.fetchAll(db, sql: sql, arguments: StatementArguments([first.kind.rawValue, first.value] + arguments))
    }

    /// Decrypts each candidate and keeps the real matches. A candidate that fails its integrity
    /// check is reported, as in `matching`.
    private func verified(
        _ db: Database, candidates: [String], session: Session, matches: (PersonFields) -> Bool
    ) throws -> [(String, PersonFields, String)] {
        var result: [(String, PersonFields, String)] = []
        for personID in candidates {
            guard let (_, fields, centre) = try Self.readable(openPerson(db, id: personID, session: session)) else { continue }
            if matches(fields) { result.append((personID, fields, centre)) }
        }
        return result
    }

    /// The value, or nil when the user simply lacks the key (not hers to find); integrity
    /// failures and everything else are thrown.
    private static func readable<T>(_ open: @autoclosure () throws -> T) throws -> T? {
        do { return try open() } catch CaunoiError.keysMissing { return nil } catch CaunoiError.notYourCentre { return nil }
    }

    /// Other persons (in readable centres) who share a name, phone, ID or passport number;
    /// returns their case ids.
    func possibleDuplicates(_ db: Database, of fields: PersonFields, excluding personID: String,
                            session: Session, indexer: BlindIndexer) throws -> [String] {
        let entries = try indexer.entries(for: fields).filter { $0.kind != .nameToken }
        var persons: Set<String> = []
        for entry in entries { persons.formUnion(try candidates(db, [entry], session: session)) }
        persons.remove(personID)
        // Compared in wiped buffers (WipedNormalForms); blank normal forms match nothing.
        let names = fields.allNames.map(WipedNormalForms.Name.init).filter { !$0.tokens.isEmpty }
        let phones = fields.phones.map(WipedNormalForms.phone).filter { $0.count > 0 }
        let ids = [fields.idNumber, fields.passport].compactMap { $0.map(WipedNormalForms.document) }.filter { $0.count > 0 }
        let matching = try verified(db, candidates: persons.sorted(), session: session) { other in
            other.allNames.contains { name in let folded = WipedNormalForms.Name(name); return names.contains { $0.sameName(as: folded) } }
                || other.phones.contains { phone in let normal = WipedNormalForms.phone(phone); return phones.contains { $0 == normal } }
                || [other.idNumber, other.passport].contains { document in
                    guard let document else { return false }
                    let normal = WipedNormalForms.document(document)
                    return ids.contains { $0 == normal }
                }
        }
        var caseIDs: [String] = []
        for (id, _, _) in matching {
            caseIDs += try String.fetchAll(db, sql: "SELECT id FROM cases WHERE person_id = ? ORDER BY id", arguments: [id])
        }
        return caseIDs.sorted()
    }
}
