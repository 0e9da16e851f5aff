import ArgumentParser
import Cases

extension Language {
    /// `--lang` wins; otherwise `LANG` starting with "vi" (or unset) gives Vietnamese.
    static func resolve(option: String?, environment: [String: String]) -> Language {
        if let option, let lang = Language(rawValue: option.lowercased()) { return lang }
        guard let lang = environment["LANG"], !lang.isEmpty, lang != "C", lang != "C.UTF-8", lang != "POSIX" else {
            return .vi
        }
        return lang.lowercased().hasPrefix("vi") ? .vi : .en
    }
}
extension Language: ExpressibleByArgument {}
