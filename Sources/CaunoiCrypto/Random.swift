internal import CSodium

/// libsodium's CSPRNG: the only source of randomness for keys, nonces, ids and noise.
public enum Random {
    public static func bytes(_ count: Int) -> [UInt8] {
        Sodium.ensureInitialised()
        var out = [UInt8](repeating: 0, count: count)
        out.withUnsafeMutableBytes { if let base = $0.baseAddress { randombytes_buf(base, $0.count) } }
        return out
    }

    /// Uniform integer in `0..<upperBound` without modulo bias (`randombytes_uniform`).
    public static func uniform(_ upperBound: UInt32) -> UInt32 {
        Sodium.ensureInitialised()
        return randombytes_uniform(upperBound)
    }

    /// Uniform integer in `0..<upperBound` for 64-bit bounds, by rejection (no modulo bias).
    public static func uniform64(_ upperBound: UInt64) -> UInt64 {
        precondition(upperBound > 0)
        if upperBound <= UInt64(UInt32.max) { return UInt64(uniform(UInt32(upperBound))) }
        let limit = UInt64.max - UInt64.max % upperBound
        while true {
            let value = bytes(8).reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
            if value < limit { return value % upperBound }
        }
    }
}
