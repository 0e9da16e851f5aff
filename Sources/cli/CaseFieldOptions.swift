import ArgumentParser
import Cases
import Views

/// The field flags shared by `case open` and `case update` (CLI.md). Personal ones may instead
/// come from `--fields-from FILE|-` (one JSON or YAML document with the same names); given on
/// the command line they still work but print a warning (SECURITY.md, argv).
struct CaseFieldOptions: ParsableArguments {
    @Option(help: "Full name.") var name: String?
    @Option(name: .customLong("other-name"), help: "Another name she is known by (repeatable).") var otherNames: [String] = []
    @Option(help: "Date of birth, YYYY-MM-DD.") var dob: String?
    @Option(name: .customLong("birth-year"), help: "Year of birth when the date is unknown.") var birthYear: Int?
    @Option(name: .customLong("phone"), help: "Phone number (repeatable).") var phones: [String] = []
    @Option var email: String?
    @Option(name: .customLong("id-number"), help: "National ID (CCCD).") var idNumber: String?
    @Option var passport: String?
    @Option var address: String?
    @Option(name: .customLong("origin-province"), help: "Province code or name.") var originProvince: String?
    @Option(help: "Destination country, ISO 3166-1 alpha-2.") var destination: String?
    @Option(help: "marriage, labour, trafficked, study or other.") var migration: String?
    @Option(name: .customLong("need"), help: "Need code (repeatable).") var needs: [String] = []
    @Option(help: "low, medium or high.") var risk: RiskLevel?
    @Option(name: .customLong("safe-contact"), help: "How she may safely be contacted.") var safeContact: String?
    @Option(help: "A first note.") var note: String?
    @Option(name: .customLong("fields-from"),
            help: "Read the personal fields from this JSON or YAML file (- for standard input), keys named like the flags.")
    var fieldsFrom: String?

    static let personalFlags: Set<String> = [
        "name", "other-name", "dob", "birth-year", "phone", "email", "id-number", "passport", "address", "safe-contact", "note",
    ]

    /// Her personal fields, the safe-contact instruction and the note, from argv or the
    /// document; wrapped at once so plain strings do not travel further than here.
    func resolved(_ context: Context) throws -> (person: PersonFields, safeContact: PersonalText?, note: PersonalText?) {
        var input = try PersonalInput(fieldsFrom, allowed: Self.personalFlags, context: context)
        return try resolved(&input)
    }

    /// The same from an input a command opened itself (with more keys allowed).
    func resolved(_ input: inout PersonalInput) throws -> (person: PersonFields, safeContact: PersonalText?, note: PersonalText?) {
        var fields = PersonFields()
        fields.name = try input.text("name", argv: name).map(PersonalText.init)
        fields.otherNames = try input.list("other-name", argv: otherNames).map(PersonalText.init)
        fields.dateOfBirth = try input.text("dob", argv: dob).map(PersonalText.init)
        if let year = try input.text("birth-year", argv: birthYear.map(String.init)) {
            guard let value = Int(year) else { throw CaunoiError.invalid(.birthYear) }
            fields.birthYear = value
        }
        fields.phones = try input.list("phone", argv: phones).map(PersonalText.init)
        fields.email = try input.text("email", argv: email).map(PersonalText.init)
        fields.idNumber = try input.text("id-number", argv: idNumber).map(PersonalText.init)
        fields.passport = try input.text("passport", argv: passport).map(PersonalText.init)
        fields.address = try input.text("address", argv: address).map(PersonalText.init)
        let safe = try input.text("safe-contact", argv: safeContact).map(PersonalText.init)
        let first = try input.text("note", argv: note).map(PersonalText.init)
        return (fields, safe, first)
    }
}
