import Foundation
import Yams

/// Reads one policy YAML file into nodes and records problems with their file and line,
/// so `policy check` can report all of them and loading can stop at the first.
struct YAMLReader {
    let file: String
    private(set) var problems: [PolicyProblem] = []

    init(file: String) { self.file = file }

    mutating func problem(_ text: String, at node: Node?) {
        problems.append(PolicyProblem(file: file, line: node?.mark?.line ?? 1, problem: text))
    }

    mutating func problem(_ text: String, line: Int) {
        problems.append(PolicyProblem(file: file, line: line, problem: text))
    }

    /// Parses the file; a missing or unparsable file is a problem, not a crash.
    mutating func root(in dir: URL) -> Node? {
        let url = dir.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            problem("missing file", line: 1)
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            problem("not UTF-8", line: 1)
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                problem("empty document", line: 1)
                return nil
            }
            return node
        } catch let error as YamlError {
            problem("YAML: \(Self.describe(error))", line: Self.line(of: error))
        } catch {
            problem("YAML could not be read", line: 1)
        }
        return nil
    }

    /// The sequence under a top-level key.
    mutating func sequence(_ key: String, in root: Node?) -> [Node] {
        guard let root else { return [] }
        guard let mapping = root.mapping else {
            problem("the document must be a mapping with the key `\(key)`", at: root)
            return []
        }
        guard let value = mapping[key] else {
            problem("missing top-level key `\(key)`", at: root)
            return []
        }
        guard let items = value.sequence else {
            problem("`\(key)` must be a list", at: value)
            return []
        }
        return Array(items)
    }

    mutating func string(_ key: String, in node: Node, required: Bool = true) -> String? {
        guard let value = node.mapping?[key] else {
            if required { problem("missing `\(key)`", at: node) }
            return nil
        }
        guard let text = value.scalar?.string, !text.isEmpty else {
            problem("`\(key)` must be a non-empty text", at: value)
            return nil
        }
        return text
    }

    mutating func int(_ key: String, in node: Node, required: Bool = true) -> Int? {
        guard let value = node.mapping?[key] else {
            if required { problem("missing `\(key)`", at: node) }
            return nil
        }
        guard let number = value.int else {
            problem("`\(key)` must be a whole number", at: value)
            return nil
        }
        return number
    }

    /// A list of `{code, vi, en}` entries; duplicate codes are problems.
    mutating func codeEntries(_ key: String, in root: Node?) -> [(CodeEntry, Node)] {
        var seen: Set<String> = []
        var result: [(CodeEntry, Node)] = []
        for item in sequence(key, in: root) {
            guard let code = string("code", in: item), let vi = string("vi", in: item), let en = string("en", in: item) else { continue }
            if !seen.insert(code).inserted {
                problem("duplicate code \(code)", at: item)
                continue
            }
            result.append((CodeEntry(code: code, vi: vi, en: en), item))
        }
        return result
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 1
        }
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        case .duplicatedKeysInMapping(let duplicates, _): "duplicated keys \(duplicates.joined(separator: ", "))"
        default: "invalid YAML"
        }
    }
}

/// One thing wrong in a policy file, located by file and line.
public struct PolicyProblem: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let problem: String
    public var description: String { "\(file):\(line): \(problem)" }
}
