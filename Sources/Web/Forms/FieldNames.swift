import Cases
import Views

/// Which form field a refusal belongs beside: the `InputField` it names (the form fields are
/// named like them), or for a code list, the field that list feeds.
enum FieldNames {
    /// The form field a code list feeds: a province refused is shown beside `origin-province`.
    static func formField(forCodeList list: String) -> String {
        switch list {
        case "province": "origin-province"
        case "country": "destination"
        case "support-request": "request"
        case "contact-kind": "kind"
        case "need": "need"
        case "birth-registration": "registration"
        case "nationality-status": "nationality"
        case "question": "answer"
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
        case .contactDateOutOfRange: "date"
        case .fileTooLarge: "file"
        default: nil
        }
    }
}
