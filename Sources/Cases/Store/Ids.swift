import Crypto

/// Record ids: random, so they reveal nothing about the person or the order of intake.
enum Ids {
    private static let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")

    /// e.g. `P-7K3QX9TB2M4D` for a person, `N-...` for a note.
    static func random(prefix: String, length: Int = 12) -> String {
        prefix + "-" + String((0..<length).map { _ in alphabet[Int(Random.uniform(UInt32(alphabet.count)))] })
    }
}
