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
}
