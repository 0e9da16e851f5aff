import Cases
import Foundation
import Yams

/// Personal values given in one JSON or YAML document (`--fields-from FILE|-`) instead of on
/// the command line, where every local user can read them in /proc and shells keep them in
/// their history. Keys are the flags' names (`name`, `phone`, `safe-contact`, …); a value is a
/// string, or a list of strings for a repeatable flag.
struct FieldsDocument: Sendable {
    private let values: [String: [String]]

    /// Parses the document; `allowed` are the flags the command takes from it. An unknown key,
    /// or a value that is not a string or a list of strings, is refused without echoing it.
    static func parse(_ data: Data, allowed: Set<String>) throws -> FieldsDocument {
        guard let text = String(data: data, encoding: .utf8) else { throw CaunoiError.malformedFile("fields") }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch { throw CaunoiError.malformedFile("fields") }
        guard let mapping = root?.mapping else { throw CaunoiError.malformedFile("fields") }
        var values: [String: [String]] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string, allowed.contains(name) else {
                throw CaunoiError.invalid(.fieldsFrom)
            }
            if let scalar = value.scalar {
                values[name] = [scalar.string]
            } else if let sequence = value.sequence {
                let items = sequence.compactMap { $0.scalar?.string }
                guard items.count == sequence.count else { throw CaunoiError.malformedFile("fields") }
                values[name] = items
            } else {
                throw CaunoiError.malformedFile("fields")
            }
        }
        return FieldsDocument(values: values)
    }

    func text(_ key: String) -> String? { values[key]?.last }
    func list(_ key: String) -> [String] { values[key] ?? [] }
    var isEmpty: Bool { values.isEmpty }
}
