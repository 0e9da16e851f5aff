import Foundation

/// Normal forms used for blind indexes and exact comparison after decryption.
/// They must never change once data is indexed: a change needs a re-index migration.
public enum Normalise {
    /// Vietnamese-aware name folding: NFD, combining marks removed (so both tone-mark
    /// placements, hòa and hoà, agree), đ/Đ → d, case-folded, punctuation to spaces,
    /// whitespace collapsed. Returns the tokens in their original order.
    public static func nameTokens(_ name: String) -> [String] {
        var folded = String.UnicodeScalarView()
        if name.unicodeScalars.allSatisfy({ $0.isASCII || latinLetters[$0.value] != nil }) {
            // ASCII and precomposed Latin letters (every Vietnamese letter): each scalar's
            // decomposition comes from a table built once, instead of Foundation's NFD of
            // the whole string, which was most of the cost of comparing names (issue 7).
            for scalar in name.unicodeScalars {
                if scalar.isASCII { fold(scalar, into: &folded) } else { for part in latinLetters[scalar.value]! { fold(part, into: &folded) } }
            }
        } else {
            for scalar in name.decomposedStringWithCanonicalMapping.unicodeScalars { fold(scalar, into: &folded) }
        }
        return String(folded).split(separator: " ").map(String.init)
    }

    /// The full canonical decomposition of each scalar of Latin-1 Supplement, Latin
    /// Extended-A and -B and Latin Extended Additional. Marks and reordering do not matter
    /// here: marks are dropped, and canonical reordering only moves marks.
    private static let latinLetters: [UInt32: [Unicode.Scalar]] = {
        var table: [UInt32: [Unicode.Scalar]] = [:]
        for value in Array(0xC0...0x24F) + Array(0x1E00...0x1EFF) {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            table[UInt32(value)] = Array(String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars)
        }
        return table
    }()

    /// One scalar of a decomposed name into its folded form.
    private static func fold(_ scalar: Unicode.Scalar, into folded: inout String.UnicodeScalarView) {
        if scalar.isASCII {
            switch scalar.value {
            case 0x41...0x5A: folded.append(Unicode.Scalar(scalar.value + 0x20)!)
            case 0x61...0x7A, 0x30...0x39: folded.append(scalar)
            default: folded.append(" ")
            }
            return
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return
        default:
            break
        }
        switch scalar {
        case "\u{0111}", "\u{0110}":  // đ, Đ: no decomposition, so folded by hand
            folded.append("d")
        default:
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                // The same as String.lowercased(), scalar by scalar, without a String per scalar.
                folded.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                folded.append(" ")
            }
        }
    }

    /// The name as one comparable key whatever the order of its parts: foreign documents
    /// often write "HOA NGUYEN THI" for "Nguyễn Thị Hoà".
    public static func nameKey(_ name: String) -> String {
        nameTokens(name).sorted().joined(separator: " ")
    }

    /// Phone numbers: digits only, with Vietnam's +84 / 84 / 0 prefixes made equal, so
    /// "+84 912 345 678" and "0912345678" agree. Foreign numbers keep their country code.
    public static func phone(_ raw: String) -> String {
        var digits = ""
        for scalar in raw.unicodeScalars {
            if (0x30...0x39).contains(scalar.value) {
                digits.unicodeScalars.append(scalar)
            } else if !scalar.isASCII, scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue {
                digits += String(Int(value))  // other scripts' digits count as their value
            }
        }
        let hadPlus = raw.trimmedSpaces.hasPrefix("+") || raw.hasPrefix("00")
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
