import Crypto

/// Exact discrete Laplace (two-sided geometric) sampling with integer arithmetic only, from
/// libsodium's CSPRNG: Canonne, Kamath and Steinke, "The Discrete Gaussian for Differential
/// Privacy" (2020), Algorithms 1 and 2. Floating-point Laplace is never used: its low bits
/// leak the true value.
///
/// `P(y) ∝ exp(-|y| · s / t)`; for privacy loss ε = p/q and sensitivity Δ, use s = p, t = q·Δ.
struct DiscreteLaplace {
    let s: UInt64
    let t: UInt64

    init(epsilon: Rational, sensitivity: UInt64) {
        s = epsilon.numerator
        t = epsilon.denominator * sensitivity
    }

    func sample() -> Int {
        while true {
            let u = Random.uniform64(t)
            guard Self.bernoulliExp(numerator: u, denominator: t) else { continue }
            var v: UInt64 = 0
            while Self.bernoulliExp(numerator: 1, denominator: 1) { v += 1 }
            let x = u + t * v
            let y = x / s
            let negative = Random.uniform(2) == 1
            if negative && y == 0 { continue }
            return negative ? -Int(y) : Int(y)
        }
    }

    /// Bernoulli(n/d).
    static func bernoulli(numerator: UInt64, denominator: UInt64) -> Bool {
        Random.uniform64(denominator) < numerator
    }

    /// Bernoulli(exp(-n/d)) for n/d ≥ 0.
    static func bernoulliExp(numerator n: UInt64, denominator d: UInt64) -> Bool {
        if n <= d {
            var k: UInt64 = 1
            while bernoulli(numerator: n, denominator: d * k) { k += 1 }
            return k % 2 == 1
        }
        for _ in 0..<(n / d) where !bernoulliExp(numerator: 1, denominator: 1) { return false }
        return bernoulliExp(numerator: n % d, denominator: d)
    }
}

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
