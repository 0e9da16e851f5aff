import ArgumentParser
import Cases

/// The field flags shared by `case open` and `case update` (CLI.md).
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

    /// Personal fields wrapped at once so plain strings do not travel further than here.
    var person: PersonFields {
        var fields = PersonFields()
        fields.name = name.map(PersonalText.init)
        fields.otherNames = otherNames.map(PersonalText.init)
        fields.dateOfBirth = dob.map(PersonalText.init)
        fields.birthYear = birthYear
        fields.phones = phones.map(PersonalText.init)
        fields.email = email.map(PersonalText.init)
        fields.idNumber = idNumber.map(PersonalText.init)
        fields.passport = passport.map(PersonalText.init)
        fields.address = address.map(PersonalText.init)
        return fields
    }
}
