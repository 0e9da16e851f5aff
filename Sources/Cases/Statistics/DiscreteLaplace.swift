import CaunoiCrypto

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
