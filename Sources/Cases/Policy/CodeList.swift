/// One entry of a reviewed code list: a stable code and its labels.
public struct CodeEntry: Sendable, Equatable {
    public let code: String
    public let vi: String
    public let en: String

    public func label(_ lang: Language) -> String { lang == .vi ? vi : en }
}

/// A named code list from `policy/codes/`, looked up by code.
public struct CodeList: Sendable {
    public let name: String
    public let entries: [CodeEntry]
    private let byCode: [String: CodeEntry]

    init(name: String, entries: [CodeEntry]) {
        self.name = name
        self.entries = entries
        self.byCode = Dictionary(entries.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func contains(_ code: String) -> Bool { byCode[code] != nil }
    public func entry(_ code: String) -> CodeEntry? { byCode[code] }

    /// The code itself, or `unknownCode` naming this list.
    public func validate(_ code: String) throws -> String {
        guard contains(code) else { throw CaunoiError.unknownCode(list: name, code: code) }
        return code
    }
}

/// An age band; `max` is nil for the last, open band.
public struct AgeBand: Sendable, Equatable {
    public let code: String
    public let min: Int
    public let max: Int?

    public func contains(_ age: Int) -> Bool { age >= min && (max.map { age <= $0 } ?? true) }
}

/// A former (pre-2025) province and the current unit it now belongs to.
public struct FormerProvince: Sendable, Equatable {
    public let entry: CodeEntry
    public let successor: String
}
