import Foundation
import Testing
@testable import Cases

/// Normal forms feed the blind indexes, so a faster implementation must give exactly the same
/// output as the one that indexed live data. These tests compare the current code with the
/// original Foundation-based definitions, kept here as the reference, over generated text and
/// over every Unicode scalar.
@Suite struct NormalFormStabilityTests {
    /// The original `Normalise.nameTokens` (before the issue-7 fast paths).
    static func referenceNameTokens(_ name: String) -> [String] {
        var folded = String.UnicodeScalarView()
        for scalar in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            switch scalar {
            case "\u{0111}", "\u{0110}": folded.append("d")
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

    /// The original `Normalise.phone`.
    static func referencePhone(_ raw: String) -> String {
        let digits = String(raw.unicodeScalars.filter { $0.properties.numericType == .decimal }
            .compactMap { $0.properties.numericValue.map { String(Int($0)) } }.joined())
        let hadPlus = raw.trimmingCharacters(in: .whitespaces).hasPrefix("+") || raw.hasPrefix("00")
        var national = digits
        if raw.hasPrefix("00") { national.removeFirst(2) }
        if national.hasPrefix("84"), hadPlus || national.count == 11 { return "0" + national.dropFirst(2) }
        if hadPlus { return "+" + national }
        return national
    }

    /// The original `Normalise.document`.
    static func referenceDocument(_ raw: String) -> String {
        String(raw.unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }
            .map { String($0) }.joined()).uppercased()
    }

    /// Scalars a name or phone field may plausibly hold, and some it should not.
    static let alphabet: [Unicode.Scalar] = {
        var scalars: [UInt32] = Array(0x20...0x7E) + [0x09, 0x0A, 0xA0, 0x3000, 0x2009, 0x2028, 0x85]
        scalars += Array(0xC0...0x1B0) + Array(0x1EA0...0x1EF9)          // Latin with Vietnamese letters
        scalars += Array(0x300...0x323) + [0x20DD, 0x0903]                 // combining, enclosing, spacing marks
        scalars += Array(0x391...0x3C9) + Array(0x410...0x44F)             // Greek, Cyrillic (final sigma included)
        scalars += Array(0x660...0x669) + Array(0xFF10...0xFF19) + [0x2160, 0xBD, 0x2460]  // other digits, numerals
        scalars += [0x0130, 0x1E9E, 0xDF, 0xFB01, 0x4E2D, 0xAC00, 0xD55C, 0x3042, 0x1F600, 0x2D, 0x2B]
        return scalars.compactMap(Unicode.Scalar.init)
    }()

    static func generatedTexts(count: Int) -> [String] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        return (0..<count).map { _ in
            var text = String.UnicodeScalarView()
            for _ in 0..<(1 + next() % 24) { text.append(alphabet[next() % alphabet.count]) }
            return String(text)
        } + ["Nguyễn Thị Hoà", "  +84 912 345 678 ", "0084 912", "ĐẶNG đức", "ǅemal", "İstanbul", "ΣΊΣΥΦΟΣ", "Straße", "", " \t "]
    }

    /// Names of ASCII and precomposed Latin letters only (the table path), and every such
    /// letter alone.
    static let latinTexts: [String] = {
        let letters = (Array(0x20...0x7E) + Array(0xC0...0x24F) + Array(0x1E00...0x1EFF)).compactMap { Unicode.Scalar(UInt32($0)) }
        var state: UInt64 = 99
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        var texts = letters.map { String($0) }
        for _ in 0..<20_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<(1 + next() % 20) { text.append(letters[next() % letters.count]) }
            texts.append(String(text))
        }
        return texts
    }()

    @Test func nameTokensAreUnchanged() {
        for text in Self.generatedTexts(count: 20_000) + Self.latinTexts {
            #expect(Normalise.nameTokens(text) == Self.referenceNameTokens(text), "\(text.unicodeScalars.map { $0.value })")
        }
    }

    @Test func phonesAreUnchanged() {
        for text in Self.generatedTexts(count: 20_000) {
            #expect(Normalise.phone(text) == Self.referencePhone(text), "\(text.unicodeScalars.map { $0.value })")
        }
    }

    @Test func documentsAreUnchanged() {
        for text in Self.generatedTexts(count: 20_000) {
            #expect(Normalise.document(text) == Self.referenceDocument(text), "\(text.unicodeScalars.map { $0.value })")
        }
    }

    /// Search compares decrypted values in wiped buffers (WipedNormalForms): the same normal
    /// forms as the `String` ones the indexes were built with, on every generated text.
    @Test func wipedFormsAgreeWithStringForms() {
        let texts = Self.generatedTexts(count: 5_000) + Self.latinTexts + ["Nguyễn Thị Hoà", "HOA NGUYEN THI", "김 민지", "+84 912 345 678", "0084 912", "c 123-4567", ""]
        for (index, text) in texts.enumerated() {
            let wiped = WipedNormalForms.Name(PersonalText(text))
            let other = texts[(index * 7 + 3) % texts.count]
            #expect(wiped.hasExactly(Normalise.nameTokens(text).map { Array($0.utf8) }))
            #expect(wiped.sameName(as: WipedNormalForms.Name(PersonalText(other))) == (Normalise.nameKey(text) == Normalise.nameKey(other)))
            #expect(WipedNormalForms.phone(PersonalText(text)).bytes == Array(Normalise.phone(text).utf8))
            #expect(WipedNormalForms.document(PersonalText(text)).bytes == Array(Normalise.document(text).utf8))
        }
        #expect(WipedNormalForms.Name(PersonalText("Nguyễn Thị Hoà Bình")).contains([Array("hoa".utf8), Array("nguyen".utf8)]))
        #expect(!WipedNormalForms.Name(PersonalText("Nguyễn Thị Hoà")).contains([Array("hoa".utf8), Array("hoa".utf8)]))
    }

    /// The sets trimmed are Foundation's, scalar for scalar, and trimming agrees on text around them.
    @Test func trimmingMatchesFoundationForEveryScalar() {
        var differing: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if String.isSpace(scalar) != CharacterSet.whitespaces.contains(scalar)
                || (String.isSpace(scalar) || String.isNewline(scalar)) != CharacterSet.whitespacesAndNewlines.contains(scalar) {
                differing.append(value)
            }
        }
        #expect(differing.isEmpty, "differs from Foundation at \(differing.map { String($0, radix: 16) })")
        for text in Self.generatedTexts(count: 5_000) + ["\u{200B} a \u{3000}", "\n\tb\u{2028}", "a\u{301} "] {
            #expect(text.trimmedSpaces == text.trimmingCharacters(in: .whitespaces))
            #expect(text.trimmedSpacesAndNewlines == text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}

/// Timestamps are written by hand since issue 7; they must read exactly as before.
@Suite struct TimestampTests {
    @Test func timestampsMatchISO8601DateFormatter() {
        let reference = ISO8601DateFormatter()
        var seconds: Double = -86_400 * 365 * 5
        while seconds < 86_400 * 365 * 140 {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(Timestamp.format(date) == reference.string(from: date), "\(seconds)")
            seconds += 86_400 * 17 + 3_607.25
        }
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_795_000_000.999)) == reference.string(from: Date(timeIntervalSince1970: 1_795_000_000.999)))
    }
}
