import Foundation

/// Normal forms used for blind indexes and exact comparison after decryption.
/// They must never change once data is indexed: a change needs a re-index migration.
public enum Normalise {
    /// Vietnamese-aware name folding: NFD, combining marks removed (so both tone-mark
    /// placements, hòa and hoà, agree), đ/Đ → d, case-folded, punctuation to spaces,
    /// whitespace collapsed. Returns the tokens in their original order.
    public static func nameTokens(_ name: String) -> [String] {
        var folded = String.UnicodeScalarView()
        for scalar in name.unicodeScalars { foldName(scalar) { folded.append($0) } }
        return String(folded).split(separator: " ").map(String.init)
    }

    /// One scalar of a name, decomposed and folded (spaces stand for separators). Scalar by
    /// scalar equals folding the NFD of the whole name: NFD decomposes each scalar on its own
    /// and then only reorders combining marks, which are dropped. Precomposed Latin letters
    /// (every Vietnamese letter) come from a table built once, instead of Foundation's NFD,
    /// which was most of the cost of comparing names (issue 7).
    static func foldName(_ scalar: Unicode.Scalar, emit: (Unicode.Scalar) -> Void) {
        if scalar.isASCII {
            fold(scalar, emit: emit)
        } else if let parts = latinLetters[scalar.value] {
            for part in parts { fold(part, emit: emit) }
        } else {
            for part in String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars { fold(part, emit: emit) }
        }
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
    private static func fold(_ scalar: Unicode.Scalar, emit: (Unicode.Scalar) -> Void) {
        if scalar.isASCII {
            switch scalar.value {
            case 0x41...0x5A: emit(Unicode.Scalar(scalar.value + 0x20)!)
            case 0x61...0x7A, 0x30...0x39: emit(scalar)
            default: emit(" ")
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
            emit("d")
        default:
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                // The same as String.lowercased(), scalar by scalar, without a String per scalar.
                for part in scalar.properties.lowercaseMapping.unicodeScalars { emit(part) }
            } else {
                emit(" ")
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
        var digits: [UInt8] = []
        for scalar in raw.unicodeScalars { phoneDigit(scalar).map { digits.append($0) } }
        var national = String.UnicodeScalarView()
        digits.withUnsafeBytes { digits in
            nationalForm(digits: digits, plus: hasPlus(raw.unicodeScalars), doubleZero: raw.hasPrefix("00")) { national.append(Unicode.Scalar($0)) }
        }
        return String(national)
    }

    /// The ASCII digit a scalar of a phone number counts as (other scripts' decimal digits
    /// count as their value), or nil.
    static func phoneDigit(_ scalar: Unicode.Scalar) -> UInt8? {
        if (0x30...0x39).contains(scalar.value) { return UInt8(scalar.value) }
        if !scalar.isASCII, scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue,
           let digit = Int(exactly: value), (0...9).contains(digit) {
            return UInt8(0x30 + digit)
        }
        return nil
    }

    /// Whether the number was written with a leading "+" (after spaces and tabs) that is a
    /// character of its own: a mark after it makes another character, as `hasPrefix` sees it.
    static func hasPlus<Scalars: Sequence<Unicode.Scalar>>(_ scalars: Scalars) -> Bool {
        var iterator = scalars.makeIterator()
        var first = iterator.next()
        while let scalar = first, String.isSpace(scalar) { first = iterator.next() }
        guard first == "+" else { return false }
        guard let following = iterator.next() else { return true }
        return !(following.properties.isGraphemeExtend || following.properties.generalCategory == .spacingMark
                 || following.properties.isEmojiModifier || following.value == 0x200D)
    }

    /// Vietnam's +84 / 84 / 0 prefixes made equal; a foreign number keeps "+" and its code.
    static func nationalForm(digits: UnsafeRawBufferPointer, plus: Bool, doubleZero: Bool, emit: (UInt8) -> Void) {
        let hadPlus = plus || doubleZero
        let national = doubleZero ? UnsafeRawBufferPointer(rebasing: digits.dropFirst(min(2, digits.count))) : digits
        if national.starts(with: [0x38, 0x34]), hadPlus || national.count == 11 {
            emit(UInt8(ascii: "0"))
            national.dropFirst(2).forEach(emit)
            return
        }
        if hadPlus { emit(UInt8(ascii: "+")) }
        national.forEach(emit)
    }

    /// ID-card and passport numbers: upper-cased, separators and spaces removed.
    public static func document(_ raw: String) -> String {
        var folded: [UInt8] = []
        for scalar in raw.unicodeScalars { foldDocument(scalar) { folded.append($0) } }
        return String(decoding: folded, as: UTF8.self)
    }

    /// One scalar of a document number: letters and digits upper-cased, the rest dropped.
    static func foldDocument(_ scalar: Unicode.Scalar, emit: (UInt8) -> Void) {
        guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else { return }
        for part in scalar.properties.uppercaseMapping.unicodeScalars { UTF8.encode(part)!.forEach(emit) }
    }

    /// Matching without diacritics for code-list names (provinces typed by hand).
    public static func label(_ raw: String) -> String {
        nameTokens(raw).joined(separator: " ")
    }
}
