import Foundation

/// One input row of `case import`: its line and, per column, the values given (a repeatable
/// column may hold several, `;`-separated in CSV or an array in JSONL).
struct ImportRow {
    let line: Int
    var values: [String: [String]]
}

/// The import formats of CLI.md.
public enum ImportFormat: String, Sendable, CaseIterable {
    case csv, jsonl

    /// Guesses from the file name; CSV unless it ends in .jsonl / .ndjson.
    public static func guess(path: String) -> ImportFormat {
        let lower = path.lowercased()
        return lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") ? .jsonl : .csv
    }
}

enum ImportParser {
    static let repeatable: Set<String> = ["other-name", "phone", "need"]

    static func rows(_ data: Data, format: ImportFormat) throws -> [ImportRow] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw CaunoiError.importFailed(line: 1, column: "-", reason: .malformedRow)
        }
        switch format {
        case .csv: return try csvRows(text)
        case .jsonl: return try jsonlRows(text)
        }
    }

    private static func csvRows(_ text: String) throws -> [ImportRow] {
        let records = try CSVReader.records(text)
        guard let header = records.first else { return [] }
        let columns = header.fields.map { $0.trimmedSpaces.lowercased() }
        for (index, column) in columns.enumerated() where !CaseImport.columns.contains(column) {
            throw CaunoiError.importFailed(line: header.line, column: column.isEmpty ? "#\(index + 1)" : column, reason: .unknownColumn)
        }
        // A second column of the same name would silently win over the first.
        for (index, column) in columns.enumerated() where columns[..<index].contains(column) {
            throw CaunoiError.importFailed(line: header.line, column: column, reason: .duplicateColumn)
        }
        return try records.dropFirst().map { record in
            guard record.fields.count == columns.count else {
                throw CaunoiError.importFailed(line: record.line, column: "-", reason: .malformedRow)
            }
            var values: [String: [String]] = [:]
            for (column, raw) in zip(columns, record.fields) {
                let trimmed = raw.trimmedSpaces
                guard !trimmed.isEmpty else { continue }
                values[column] = repeatable.contains(column)
                    ? trimmed.split(separator: ";").map { $0.trimmedSpaces }.filter { !$0.isEmpty }
                    : [trimmed]
            }
            return ImportRow(line: record.line, values: values)
        }
    }

    private static func jsonlRows(_ text: String) throws -> [ImportRow] {
        var rows: [ImportRow] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let trimmed = rawLine.trimmedSpacesAndNewlines
            if trimmed.isEmpty { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
                throw CaunoiError.importFailed(line: line, column: "-", reason: .malformedRow)
            }
            var values: [String: [String]] = [:]
            for (key, value) in object {
                let column = key.lowercased()
                guard CaseImport.columns.contains(column) else {
                    throw CaunoiError.importFailed(line: line, column: column, reason: .unknownColumn)
                }
                let list: [Any] = (value as? [Any]) ?? [value]
                if list.count > 1 && !repeatable.contains(column) {
                    throw CaunoiError.importFailed(line: line, column: column, reason: .invalidValue)
                }
                var texts: [String] = []
                for item in list {
                    // Text fields take strings only (a number or `true` is not a name); the
                    // birth year alone may be a whole number.
                    if item is NSNull { continue }
                    if let text = item as? String, !(item is Bool) {
                        texts.append(text.trimmedSpaces)
                    } else if column == "birth-year", !(item is Bool), let number = item as? Int {
                        texts.append(String(number))
                    } else {
                        throw CaunoiError.importFailed(line: line, column: column, reason: .invalidValue)
                    }
                }
                texts = texts.filter { !$0.isEmpty }
                if !texts.isEmpty { values[column] = texts }
            }
            rows.append(ImportRow(line: line, values: values))
        }
        return rows
    }
}
