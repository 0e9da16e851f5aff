import CaunoiCrypto

/// Record ids: random, so they reveal nothing about the person or the order of intake.
enum Ids {
    private static let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")

    /// e.g. `P-7K3QX9TB2M4D` for a person, `N-...` for a note.
    static func random(prefix: String, length: Int = 12) -> String {
        // 32 symbols divide 256 evenly, so `byte % 32` is unbiased; one CSPRNG call per id.
        prefix + "-" + String(Random.bytes(length).map { alphabet[Int($0) % alphabet.count] })
    }
}
