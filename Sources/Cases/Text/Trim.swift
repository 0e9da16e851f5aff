/// Trimming without Foundation's `NSString` bridge, which was the largest single cost of
/// `case import` (issue 7 profile: 12 % of import time). The sets are exactly Foundation's:
/// `CharacterSet.whitespaces` is general category Zs plus tab, and
/// `CharacterSet.whitespacesAndNewlines` adds U+000A–U+000D, U+0085, U+2028 and U+2029.
/// (swift-corelibs-foundation also counts U+200B, zero width space, as a space: so do we.)
/// `NormalFormStabilityTests` checks both against Foundation over every Unicode scalar.
extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmedSpaces: String { trimmed(where: Self.isSpace) }

    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmedSpacesAndNewlines: String { trimmed { Self.isSpace($0) || Self.isNewline($0) } }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t"
            || (!scalar.isASCII && (scalar.properties.generalCategory == .spaceSeparator || scalar.value == 0x200B))
    }

    static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        (0x0A...0x0D).contains(scalar.value) || scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    private func trimmed(where drop: (Unicode.Scalar) -> Bool) -> String {
        let text = String(self)
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }), let last = scalars.lastIndex(where: { !drop($0) }) else { return "" }
        // A slice of the UTF-8 storage: no scalar-by-scalar copy.
        return String(scalars[first...last])
    }
}
