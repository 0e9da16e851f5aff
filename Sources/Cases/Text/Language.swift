import Foundation

/// Language of human output: Vietnamese first, English on request or by `LANG`.
public enum Language: String, Sendable, CaseIterable {
    case vi, en

    /// `--lang` wins; otherwise `LANG` starting with "vi" (or unset) gives Vietnamese.
    public static func resolve(option: String?, environment: [String: String]) -> Language {
        if let option, let lang = Language(rawValue: option.lowercased()) { return lang }
        guard let lang = environment["LANG"], !lang.isEmpty, lang != "C", lang != "C.UTF-8", lang != "POSIX" else {
            return .vi
        }
        return lang.lowercased().hasPrefix("vi") ? .vi : .en
    }
}

/// Echoes a value typed by the user only when it looks like a code (short, letters, digits,
/// dashes), so a misplaced name or phone number never reaches an error message.
func echoIfCode(_ value: String) -> String {
    let allowed = value.count <= 24 && !value.isEmpty
        && value.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == ".") }
    return allowed ? "“\(value)”" : "(…)"
}
