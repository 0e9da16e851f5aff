import GRDB

/// Writing and reading `persons` rows: sealed columns in, decrypted fields out.
extension CaseStore {
    /// Inserts a new person with a fresh DEK wrapped under the centre key, and her blind indexes.
    func insertPerson(_ db: Database, fields: PersonFields, centre: Centre, session: Session, indexer: BlindIndexer) throws -> (String, PersonVault) {
        let personID = Ids.random(prefix: "P")
        let vault = PersonVault.create(personID: personID)
        let (centreKey, version) = try session.currentCentreKey(centre.code)
        let wrapped = try vault.wrapped(centreKey: centreKey, version: version)
        let sealed = try fields.sealed(with: vault)
        let columns = ["id", "centre", "centre_key_version", "wrapped_dek", "created_on"] + PersonColumn.allCases.map(\.rawValue)
        let values: [(any DatabaseValueConvertible)?] = [personID, centre.code, version, wrapped, Day.today()]
            + PersonColumn.allCases.map { sealed[$0] }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        try db.cachedStatement(sql: "INSERT INTO persons (\(columns.joined(separator: ", "))) VALUES (\(placeholders))")
            .execute(arguments: StatementArguments(values))
        try BlindIndexer.insert(db, personID: personID, entries: indexer.entries(for: fields))
        return (personID, vault)
    }

    /// Re-seals a person's fields after an update and refreshes her blind indexes.
    func rewritePerson(_ db: Database, fields: PersonFields, vault: PersonVault, indexer: BlindIndexer) throws {
        let sealed = try fields.sealed(with: vault)
        let assignments = PersonColumn.allCases.map { "\($0.rawValue) = ?" }.joined(separator: ", ")
        var values: [(any DatabaseValueConvertible)?] = PersonColumn.allCases.map { sealed[$0] }
        values.append(vault.personID)
        try db.execute(sql: "UPDATE persons SET \(assignments) WHERE id = ?", arguments: StatementArguments(values))
        try BlindIndexer.replace(db, personID: vault.personID, entries: indexer.entries(for: fields))
    }

    /// Opens a person the session may read: role, centre key and every sealed column checked.
    func openPerson(_ db: Database, id personID: String, session: Session) throws -> (PersonVault, PersonFields, centre: String) {
        let columns = PersonColumn.allCases.map { "p.\($0.rawValue)" }.joined(separator: ", ")
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT p.centre, c.key_version, p.wrapped_dek, \(columns) FROM persons p JOIN centres c ON c.code = p.centre WHERE p.id = ?
            """), arguments: [personID]) else {
            throw CaunoiError.personNotFound(personID)
        }
        let centre: String = row["centre"]
        // An erased person has no key left: nothing of hers can be opened, by anyone.
        guard let wrapped = row.optionalBytes("wrapped_dek") else {
            try Self.requireNotMerged(db, personID)
            throw CaunoiError.subjectErased(personID)
        }
        let vault = try PersonVault.open(personID: personID, wrapped: wrapped, session: session, centre: centre,
                                         currentVersion: row["key_version"])
        var blobs: [PersonColumn: [UInt8]] = [:]
        for column in PersonColumn.allCases {
            if let blob = row.optionalBytes(column.rawValue) { blobs[column] = blob }
        }
        return (vault, try PersonFields.opened(from: blobs, with: vault), centre)
    }

    /// The vault only (for sealing case fields and notes), without opening person fields.
    func personVault(_ db: Database, id personID: String, session: Session) throws -> PersonVault {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT p.centre, c.key_version, p.wrapped_dek FROM persons p JOIN centres c ON c.code = p.centre WHERE p.id = ?
            """), arguments: [personID]) else {
            throw CaunoiError.personNotFound(personID)
        }
        guard let wrapped = row.optionalBytes("wrapped_dek") else {
            try Self.requireNotMerged(db, personID)
            throw CaunoiError.subjectErased(personID)
        }
        return try PersonVault.open(personID: personID, wrapped: wrapped, session: session, centre: row["centre"],
                                    currentVersion: row["key_version"])
    }

    /// A duplicate merged into another person is answered with where she went.
    static func requireNotMerged(_ db: Database, _ personID: String) throws {
        if let into = try String.fetchOne(db.cachedStatement(sql: "SELECT into_person FROM merges WHERE person_id = ?"), arguments: [personID]) {
            throw CaunoiError.personMerged(personID, into: into)
        }
    }
}
