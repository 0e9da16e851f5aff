import GRDB

/// A woman already on file who may be the one a new case is about: her person id and the
/// cases of hers the user may read (plain codes only).
public struct PossibleMatch: Sendable, Equatable {
    public let person: String
    public let cases: [CaseSummary]
}

extension CaseStore {
    /// Before a new woman is created: the women of the user's centre who share a name (in any
    /// order, without diacritics), a phone, an ID or a passport number with `fields`, so that
    /// the new case can be added to her instead of making a second record of the same woman.
    /// Compared in wiped buffers like every search; audited as a search.
    public func possibleMatches(_ session: Session, policy: Policy, person fields: PersonFields) throws -> [PossibleMatch] {
        try session.require(.cases)
        let indexer = try BlindIndexer(indexKey: session.indexKey(), settings: policy.blindIndex)
        return try write { db in
            try audit(db, session, "case.match")
            let caseIDs = try possibleDuplicates(db, of: fields, excluding: "", session: session, indexer: indexer)
            let summaries = try caseIDs.map { try CaseSummary.fetch(db, id: $0) }
            let persons = summaries.reduce(into: [String]()) { order, summary in if !order.contains(summary.person) { order.append(summary.person) } }
            return persons.map { person in PossibleMatch(person: person, cases: summaries.filter { $0.person == person }) }
        }
    }
}
