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

extension CaseStore {
    /// Finds cases through blind indexes, restricted to centres whose keys the user holds,
    /// and keeps only candidates whose decrypted fields really match.
    public func findCases(_ session: Session, policy: Policy, query: FindQuery) throws -> [FoundCase] {
        try session.require(.counsellor, .manager)
        let indexer = try BlindIndexer(indexKey: session.indexKey(), settings: policy.blindIndex)
        return try write { db in
            try audit(db, session, "case.find")
            var hits: [(String, PersonFields, String)] = []
            switch query {
            case .name(let text):
                let tokens = Normalise.nameTokens(text)
                guard !tokens.isEmpty else { throw CaunoiError.invalidValue(option: "--name", value: "") }
                // Exact (order-free) name first; if nothing matches, every name holding all the tokens.
                let exact = try indexer.entry(.name, normalised: tokens.sorted().joined(separator: " "))
                hits = try verified(db, candidates: candidates(db, [exact], session: session), session: session) {
                    $0.allNames.contains { Normalise.nameKey($0.revealed) == tokens.sorted().joined(separator: " ") }
                }
                if hits.isEmpty {
                    let entries = try Set(tokens).map { try indexer.entry(.nameToken, normalised: $0) }
                    hits = try verified(db, candidates: candidates(db, entries, session: session), session: session) {
                        $0.allNames.contains { Self.containsTokens(Normalise.nameTokens($0.revealed), tokens) }
                    }
                }
            case .phone(let text):
                let wanted = Normalise.phone(text)
                hits = try verified(db, candidates: candidates(db, [indexer.entry(.phone, normalised: wanted)], session: session), session: session) {
                    $0.phones.contains { Normalise.phone($0.revealed) == wanted }
                }
            case .idNumber(let text):
                let wanted = Normalise.document(text)
                hits = try verified(db, candidates: candidates(db, [indexer.entry(.idNumber, normalised: wanted)], session: session), session: session) {
                    $0.idNumber.map { Normalise.document($0.revealed) == wanted } ?? false
                }
            case .passport(let text):
                let wanted = Normalise.document(text)
                hits = try verified(db, candidates: candidates(db, [indexer.entry(.passport, normalised: wanted)], session: session), session: session) {
                    $0.passport.map { Normalise.document($0.revealed) == wanted } ?? false
                }
            }
            var found: [FoundCase] = []
            for (personID, fields, centre) in hits {
                for row in try Row.fetchAll(db, sql: "SELECT id, programme, status FROM cases WHERE person_id = ? ORDER BY id", arguments: [personID]) {
                    found.append(FoundCase(id: row["id"], name: fields.name?.revealed ?? "", centre: centre,
                                           programme: row["programme"], status: row["status"]))
                }
            }
            return found.sorted { $0.id < $1.id }
        }
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
    /// check is skipped here (search must not be blocked by one bad row); `case show` reports it.
    private func verified(
        _ db: Database, candidates: [String], session: Session, matches: (PersonFields) -> Bool
    ) throws -> [(String, PersonFields, String)] {
        var result: [(String, PersonFields, String)] = []
        for personID in candidates {
            guard let (_, fields, centre) = try? openPerson(db, id: personID, session: session) else { continue }
            if matches(fields) { result.append((personID, fields, centre)) }
        }
        return result
    }

    /// True when every query token appears in the name (as many times as in the query).
    static func containsTokens(_ name: [String], _ query: [String]) -> Bool {
        var remaining = Dictionary(name.map { ($0, 1) }, uniquingKeysWith: +)
        for token in query {
            guard let count = remaining[token], count > 0 else { return false }
            remaining[token] = count - 1
        }
        return true
    }

    /// Other persons (in readable centres) who share a name, phone, ID or passport number;
    /// returns their case ids.
    func possibleDuplicates(_ db: Database, of fields: PersonFields, excluding personID: String,
                            session: Session, indexer: BlindIndexer) throws -> [String] {
        let entries = try indexer.entries(for: fields).filter { $0.kind != .nameToken }
        var persons: Set<String> = []
        for entry in entries { persons.formUnion(try candidates(db, [entry], session: session)) }
        persons.remove(personID)
        let nameKeys = Set(fields.allNames.map { Normalise.nameKey($0.revealed) })
        let phones = Set(fields.phones.map { Normalise.phone($0.revealed) })
        let ids = Set([fields.idNumber, fields.passport].compactMap { $0.map { Normalise.document($0.revealed) } })
        let matching = try verified(db, candidates: persons.sorted(), session: session) { other in
            !nameKeys.isDisjoint(with: other.allNames.map { Normalise.nameKey($0.revealed) })
                || !phones.isDisjoint(with: other.phones.map { Normalise.phone($0.revealed) })
                || !ids.isDisjoint(with: [other.idNumber, other.passport].compactMap { $0.map { Normalise.document($0.revealed) } })
        }
        var caseIDs: [String] = []
        for (id, _, _) in matching {
            caseIDs += try String.fetchAll(db, sql: "SELECT id FROM cases WHERE person_id = ? ORDER BY id", arguments: [id])
        }
        return caseIDs.sorted()
    }
}
