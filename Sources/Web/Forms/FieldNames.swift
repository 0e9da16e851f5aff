import Cases
import Views

/// How the web names a field in a message: by the label its form shows (the CLI names the
/// same `InputField` by its flag). Also which form field a code list's refusal belongs to.
enum FieldNames {
    static func label(_ field: InputField, _ lang: Language) -> String {
        let known: Text.Field? = switch field {
        case .name: .name
        case .dob: .dob
        case .birthYear: .birthYear
        case .phone, .addPhone, .removePhone: .phones
        case .otherName, .addOtherName, .removeOtherName: .otherNames
        case .programme: .programme
        case .outcome: .outcome
        case .need, .addNeed, .removeNeed: .needs
        case .association: .association
        case .request: .supportRequest
        case .role: .role
        case .centre, .centreCode: .centre
        case .country: .country
        case .status: .status
        case .user, .userName: .person
        default: nil
        }
        if let known { return Text.field(known).text(lang) }
        switch field {
        case .reason: return PageText.reasonLabel.text(lang)
        case .text: return Text.field(.notes).text(lang)
        default: return field.rawValue
        }
    }

    /// The form field a code list feeds: a province refused is shown beside `origin-province`.
    static func formField(forCodeList list: String) -> String {
        switch list {
        case "province": "origin-province"
        case "country": "destination"
        case "support-request": "request"
        default: list
        }
    }

    /// The form field an error is about, if it names one.
    static func formField(of error: CaunoiError) -> String? {
        switch error {
        case .missing(let field), .unexpected(let field), .invalid(let field), .invalidDate(let field), .implausibleDate(let field),
             .confirmationMismatch(let field):
            field.rawValue
        case .conflicting(let field, _): field.rawValue
        case .unknownCode(let list, _): formField(forCodeList: list)
        case .forbiddenCharacters(let field): field
        case .weakPassphrase, .passphraseMismatch: "new-passphrase"
        case .wrongPassphrase: "passphrase"
        default: nil
        }
    }
}
