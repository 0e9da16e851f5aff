import CaunoiCrypto

/// Characters no personal value may hold: C0 controls (a newline only where the field is free
/// text), DEL, C1 controls, and the Unicode direction overrides, embeddings and isolates. On a
/// screen they can rewrite what staff see (escape sequences, a name that reads backwards);
/// they are refused on the way in and neutralised on the way out (SECURITY.md).
public enum ControlCharacters {
    static func isForbidden(_ scalar: Unicode.Scalar, allowNewline: Bool) -> Bool {
        switch scalar.value {
        case 0x0A: !allowNewline
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// True when the value holds none of them; read from the wiping buffer, no `String` made.
    static func isClean(_ value: PersonalText, allowNewline: Bool) -> Bool {
        value.secret.withUnsafeBytes { bytes in
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): if isForbidden(scalar, allowNewline: allowNewline) { return false }
                case .emptyInput: return true
                case .error: return false
                }
            }
        }
    }

    /// The same for a value not yet wrapped (an import row's field).
    static func isClean(_ text: String, allowNewline: Bool) -> Bool {
        !text.unicodeScalars.contains { isForbidden($0, allowNewline: allowNewline) }
    }

    /// Refuses a value holding them, naming the field (never the value).
    static func check(_ value: PersonalText, field: String, allowNewline: Bool) throws {
        guard isClean(value, allowNewline: allowNewline) else { throw CaunoiError.forbiddenCharacters(field: field) }
    }

    /// For output: each forbidden character (newlines kept) becomes U+FFFD, so a value stored
    /// before this check, or arriving from a partner, cannot drive what shows it.
    public static func neutralised(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isForbidden($0, allowNewline: true) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(isForbidden(scalar, allowNewline: true) ? "\u{FFFD}" : scalar) }
        return String(out)
    }
}

extension PersonalText {
    /// The text for showing: control and direction-override characters
    /// replaced (see `ControlCharacters.neutralised`).
    public var display: String { ControlCharacters.neutralised(revealed) }
}
