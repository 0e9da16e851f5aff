import Cases
import Views

/// A refusal that belongs beside a field of the form that caused it (input the user can fix),
/// as opposed to one that ends the page (not permitted, not found, integrity).
enum FormProblem {
    static func belongsToForm(_ error: CaunoiError) -> Bool {
        error.kind == .invalidInput || (error.kind == .badData && FieldNames.formField(of: error) != nil)
            || error == .nothingToUpdate || error == .weakPassphrase || error == .passphraseMismatch
    }

    /// The field and the message, in the user's language; `field` when the error names none.
    static func of(_ error: CaunoiError, _ lang: Language, default field: String) -> (field: String, message: String) {
        (FieldNames.formField(of: error) ?? field, error.message(lang, naming: { $0.label(lang) }))
    }
}
