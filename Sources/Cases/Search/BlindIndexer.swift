import CaunoiCrypto
import GRDB

/// One blind-index entry of a person.
struct IndexEntry: Hashable {
    let kind: IndexKind
    let value: Int64
}

/// Computes blind indexes with per-kind sub-keys of the index key and the policy's bit
/// lengths. Sub-keys are derived once per command.
struct BlindIndexer {
    private let subkeys: [IndexKind: SecureBytes]
    private let settings: BlindIndexSettings

    init(indexKey: SecureBytes, settings: BlindIndexSettings) throws {
        var subkeys: [IndexKind: SecureBytes] = [:]
        for kind in IndexKind.allCases {
            subkeys[kind] = try KeyDerivation.subkey(of: indexKey, label: "blind-index.\(kind.rawValue)")
        }
        self.subkeys = subkeys
        self.settings = settings
    }

    func entry(_ kind: IndexKind, normalised: String) throws -> IndexEntry {
        IndexEntry(kind: kind, value: try BlindIndex.compute(Array(normalised.utf8), key: subkeys[kind]!, bits: settings.bits(kind)))
    }

    /// Every index entry for a person's searchable fields. Blank normal forms are skipped.
    func entries(for fields: PersonFields) throws -> Set<IndexEntry> {
        var entries: Set<IndexEntry> = []
        for name in fields.allNames {
            let tokens = Normalise.nameTokens(name.revealed)
            guard !tokens.isEmpty else { continue }
            entries.insert(try entry(.name, normalised: tokens.sorted().joined(separator: " ")))
            for token in Set(tokens) { entries.insert(try entry(.nameToken, normalised: token)) }
        }
        for phone in fields.phones {
            let normal = Normalise.phone(phone.revealed)
            if !normal.isEmpty { entries.insert(try entry(.phone, normalised: normal)) }
        }
        if let id = fields.idNumber.map({ Normalise.document($0.revealed) }), !id.isEmpty {
            entries.insert(try entry(.idNumber, normalised: id))
        }
        if let passport = fields.passport.map({ Normalise.document($0.revealed) }), !passport.isEmpty {
            entries.insert(try entry(.passport, normalised: passport))
        }
        return entries
    }

    /// Replaces a person's index entries (after her fields changed).
    static func replace(_ db: Database, personID: String, entries: Set<IndexEntry>) throws {
        try db.execute(sql: "DELETE FROM blind_indexes WHERE person_id = ?", arguments: [personID])
        try insert(db, personID: personID, entries: entries)
    }

    static func insert(_ db: Database, personID: String, entries: Set<IndexEntry>) throws {
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO blind_indexes (kind, value, person_id) VALUES (?, ?, ?)")
        for entry in entries {
            try statement.execute(arguments: [entry.kind.rawValue, entry.value, personID])
        }
    }
}
