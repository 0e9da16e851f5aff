import Foundation

/// The kinds of blind index kept per person. Raw values are stored; never rename one.
public enum IndexKind: String, Sendable, CaseIterable {
    /// The whole name, tokens sorted (order-free), for exact lookups.
    case name
    /// Each name token, for partial lookups.
    case nameToken = "name_token"
    case phone
    case idNumber = "id_number"
    case passport

    /// The personal field an index is computed from; bits of indexes on one field add up.
    public var field: String {
        switch self {
        case .name, .nameToken: "name"
        case .phone: "phone"
        case .idNumber: "id_number"
        case .passport: "passport"
        }
    }
}

/// Bit lengths of blind indexes, checked against CipherSweet's coincidence rule:
/// for R expected rows and b total bits on a field, C = R / 2^b must satisfy 2 ≤ C ≤ √R.
public struct BlindIndexSettings: Sendable, Equatable {
    public let expectedRows: Int
    public let bits: [IndexKind: Int]

    public func bits(_ kind: IndexKind) -> Int { bits[kind] ?? 16 }

    /// Expected coincidences per lookup value for a field (all its indexes together).
    public func coincidences(field: String) -> Double {
        let total = IndexKind.allCases.filter { $0.field == field }.reduce(0) { $0 + bits($1) }
        return Double(expectedRows) / pow(2, Double(total))
    }

    static func read(_ directory: URL) -> (BlindIndexSettings?, [PolicyProblem]) {
        var reader = YAMLReader(file: "blind-index.yaml")
        guard let root = reader.root(in: directory) else { return (nil, reader.problems) }
        guard let rows = reader.int("expected_rows", in: root), rows > 0 else {
            if reader.problems.isEmpty { reader.problem("`expected_rows` must be positive", at: root) }
            return (nil, reader.problems)
        }
        var bits: [IndexKind: Int] = [:]
        guard let table = root.mapping?["bits"]?.mapping else {
            reader.problem("missing mapping `bits`", at: root)
            return (nil, reader.problems)
        }
        for (key, value) in table {
            guard let name = key.string, let kind = IndexKind(rawValue: name) else {
                reader.problem("unknown index kind \(key.string ?? "?")", at: key)
                continue
            }
            guard let n = value.int, (1...32).contains(n) else {
                reader.problem("bits must be a whole number from 1 to 32", at: value)
                continue
            }
            bits[kind] = n
        }
        for kind in IndexKind.allCases where bits[kind] == nil {
            reader.problem("missing bits for \(kind.rawValue)", at: table.first?.key ?? root)
        }
        let settings = BlindIndexSettings(expectedRows: rows, bits: bits)
        if reader.problems.isEmpty {
            for field in Set(IndexKind.allCases.map(\.field)).sorted() {
                let c = settings.coincidences(field: field)
                if c < 2 || c > Double(rows).squareRoot() {
                    let line = table.first { IndexKind(rawValue: $0.key.string ?? "")?.field == field }?.key.mark?.line ?? 1
                    reader.problem("field \(field): C = R/2^bits = \(String(format: "%.2f", c)) is outside [2, √R = \(Int(Double(rows).squareRoot()))]", line: line)
                }
            }
        }
        return (reader.problems.isEmpty ? settings : nil, reader.problems)
    }
}
