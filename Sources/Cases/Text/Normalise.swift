import Foundation

/// Normal forms used for blind indexes and exact comparison after decryption.
/// They must never change once data is indexed: a change needs a re-index migration.
public enum Normalise {
    /// Vietnamese-aware name folding: NFD, combining marks removed (so both tone-mark
    /// placements, hòa and hoà, agree), đ/Đ → d, case-folded, punctuation to spaces,
    /// whitespace collapsed. Returns the tokens in their original order.
    public static func nameTokens(_ name: String) -> [String] {
        var folded = String.UnicodeScalarView()
        for scalar in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            default:
                break
            }
            switch scalar {
            case "\u{0111}", "\u{0110}":  // đ, Đ: no decomposition, so folded by hand
                folded.append("d")
            default:
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    folded.append(contentsOf: String(scalar).lowercased().unicodeScalars)
                } else {
                    folded.append(" ")
                }
            }
        }
        return String(folded).split(separator: " ").map(String.init)
    }

    /// The name as one comparable key whatever the order of its parts: foreign documents
    /// often write "HOA NGUYEN THI" for "Nguyễn Thị Hoà".
    public static func nameKey(_ name: String) -> String {
        nameTokens(name).sorted().joined(separator: " ")
    }

    /// Phone numbers: digits only, with Vietnam's +84 / 84 / 0 prefixes made equal, so
    /// "+84 912 345 678" and "0912345678" agree. Foreign numbers keep their country code.
    public static func phone(_ raw: String) -> String {
        let digits = String(raw.unicodeScalars.filter { $0.properties.numericType == .decimal }
            .compactMap { $0.properties.numericValue.map { String(Int($0)) } }.joined())
        let hadPlus = raw.trimmingCharacters(in: .whitespaces).hasPrefix("+") || raw.hasPrefix("00")
        var national = digits
        if raw.hasPrefix("00") { national.removeFirst(2) }
        if national.hasPrefix("84"), hadPlus || national.count == 11 {
            return "0" + national.dropFirst(2)
        }
        if hadPlus { return "+" + national }
        return national
    }

    /// ID-card and passport numbers: upper-cased, separators and spaces removed.
    public static func document(_ raw: String) -> String {
        String(raw.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
            .map { String($0) }.joined()).uppercased()
    }

    /// Matching without diacritics for code-list names (provinces typed by hand).
    public static func label(_ raw: String) -> String {
        nameTokens(raw).joined(separator: " ")
    }
}
