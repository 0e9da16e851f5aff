import Cases

/// Lines of "label: value" for a page of text, skipping empty values; the one place that
/// lays a field out (cases and associations alike).
struct LabelledLines {
    let lang: Language
    private(set) var lines: [String] = []

    init(lang: Language) { self.lang = lang }

    mutating func add(_ field: Text.Field, _ value: String?) {
        guard let value, !value.isEmpty else { return }
        lines.append("\(Text.field(field).text(lang)): \(value)")
    }

    mutating func append(_ line: String) { lines.append(line) }
    mutating func append(contentsOf more: [String]) { lines += more }
}
