/// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. Each record keeps
/// the line it starts on, so errors can name it.
enum CSVReader {
    struct Record {
        let line: Int
        let fields: [String]
    }

    /// Parses the whole text; an unterminated quote is reported with the line it opened on.
    static func records(_ text: String) throws -> [Record] {
        var records: [Record] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var fieldStarted = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        if text.unicodeScalars.first == "\u{FEFF}" { _ = scalars.next() }

        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
            field = ""
            fieldStarted = false
        }

        while let scalar = pending ?? scalars.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    let next = scalars.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = next }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where !fieldStarted && field.isEmpty:
                inQuotes = true
                fieldStarted = true
                quoteLine = line
            case ",":
                fields.append(field)
                field = ""
                fieldStarted = false
            case "\r":
                let next = scalars.next()
                if next != "\n" { pending = next }
                endRecord()
                line += 1
                recordLine = line
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(scalar)
                fieldStarted = true
            }
        }
        if inQuotes { throw CaunoiError.importFailed(line: quoteLine, column: "-", reason: .malformedRow) }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
