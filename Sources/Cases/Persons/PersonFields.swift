/// A woman's personal fields as typed at intake or shown to an authorised user.
/// Multi-valued fields (other names, phones) are sealed as one value, one entry per line.
public struct PersonFields: Sendable {
    public var name: PersonalText?
    public var otherNames: [PersonalText] = []
    /// Exact date of birth, `YYYY-MM-DD`.
    public var dateOfBirth: PersonalText?
    public var birthYear: Int?
    public var phones: [PersonalText] = []
    public var email: PersonalText?
    public var idNumber: PersonalText?
    public var passport: PersonalText?
    public var address: PersonalText?

    public init() {}

    /// Every name she is known by (for search and duplicate checks).
    var allNames: [PersonalText] { (name.map { [$0] } ?? []) + otherNames }
}

/// The sealed columns of `persons`. Column names are part of each value's associated data.
enum PersonColumn: String, CaseIterable {
    case name, otherNames = "other_names", dateOfBirth = "dob", birthYear = "birth_year", phones, email
    case idNumber = "id_number", passport, address
}

extension PersonFields {
    /// Lines joined for sealing a list; nil when empty.
    static func joined(_ values: [PersonalText]) -> PersonalText? {
        values.isEmpty ? nil : PersonalText(values.map(\.revealed).joined(separator: "\n"))
    }

    static func split(_ value: PersonalText?) -> [PersonalText] {
        guard let value else { return [] }
        return value.revealed.split(separator: "\n").map { PersonalText(String($0)) }
    }

    /// Seals each present field into its column for one person row.
    func sealed(with vault: PersonVault) throws -> [PersonColumn: SealedBlob] {
        // One-line fields: no newline either (lists are joined with newlines below).
        let single: [(PersonColumn, PersonalText?)] = [(.name, name), (.dateOfBirth, dateOfBirth), (.email, email), (.idNumber, idNumber),
                                                       (.passport, passport), (.address, address)]
        let listed: [(PersonColumn, PersonalText?)] = otherNames.map({ (.otherNames, $0) }) + phones.map({ (.phones, $0) })
        for (column, value) in single + listed {
            if let value { try ControlCharacters.check(value, field: "persons.\(column.rawValue)", allowNewline: false) }
        }
        var out: [PersonColumn: SealedBlob] = [:]
        let values: [PersonColumn: PersonalText?] = [
            .name: name, .otherNames: Self.joined(otherNames), .dateOfBirth: dateOfBirth,
            .birthYear: birthYear.map { PersonalText(String($0)) }, .phones: Self.joined(phones),
            .email: email, .idNumber: idNumber, .passport: passport, .address: address,
        ]
        for (column, value) in values {
            if let value { out[column] = try vault.seal(value, table: "persons", column: column.rawValue, row: vault.personID) }
        }
        return out
    }

    /// Opens a person row's sealed columns.
    static func opened(from blobs: [PersonColumn: [UInt8]], with vault: PersonVault) throws -> PersonFields {
        func open(_ column: PersonColumn) throws -> PersonalText? {
            try vault.openIfPresent(blobs[column], table: "persons", column: column.rawValue, row: vault.personID)
        }
        var fields = PersonFields()
        fields.name = try open(.name)
        fields.otherNames = split(try open(.otherNames))
        fields.dateOfBirth = try open(.dateOfBirth)
        fields.birthYear = try open(.birthYear).flatMap { Int($0.revealed) }
        fields.phones = split(try open(.phones))
        fields.email = try open(.email)
        fields.idNumber = try open(.idNumber)
        fields.passport = try open(.passport)
        fields.address = try open(.address)
        return fields
    }
}
