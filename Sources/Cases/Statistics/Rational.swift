/// A positive rational read from a decimal like "0.5" or "1.25" (at most 6 decimals), so ε
/// stays exact.
struct Rational: Equatable, Sendable, CustomStringConvertible {
    let numerator: UInt64
    let denominator: UInt64

    init?(decimal text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = UInt64(parts[0].isEmpty ? "0" : String(parts[0])) else { return nil }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 6, fraction.allSatisfy(\.isNumber) else { return nil }
        var denominator: UInt64 = 1
        for _ in fraction { denominator *= 10 }
        let numerator = whole * denominator + (UInt64(fraction.isEmpty ? "0" : fraction) ?? 0)
        guard numerator > 0 else { return nil }
        let divisor = Self.gcd(numerator, denominator)
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    init(numerator: UInt64, denominator: UInt64) {
        let divisor = Self.gcd(numerator, denominator)
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    var value: Double { Double(numerator) / Double(denominator) }
    var description: String { "\(value)" }

    static func + (a: Rational, b: Rational) -> Rational {
        Rational(numerator: a.numerator * b.denominator + b.numerator * a.denominator, denominator: a.denominator * b.denominator)
    }

    static func <= (a: Rational, b: Rational) -> Bool {
        a.numerator * b.denominator <= b.numerator * a.denominator
    }

    private static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 { b == 0 ? max(a, 1) : gcd(b, a % b) }
}
