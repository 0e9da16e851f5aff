import CaunoiCrypto
import Foundation

/// Keyslot parameters: Argon2id limits for new keyslots and the shortest passphrase.
/// Floors are in code, whatever the file says: policy may raise them, never lower them.
public struct SecuritySettings: Sendable, Equatable {
    /// libsodium's INTERACTIVE limits (2 passes, 64 MiB) and 12 characters.
    public static let floorOps = 2
    public static let floorMemoryKiB = 65_536
    public static let floorPassphraseLength = 12
    /// Beyond these a login would take minutes or exhaust a server's memory: a typing error.
    public static let ceilingOps = 64
    public static let ceilingMemoryKiB = 4 << 20

    public let argon2id: Argon2idParameters
    public let minimumPassphraseLength: Int

    /// Settings given by code (tests, benchmarks): the passphrase floor still holds.
    public init(argon2id: Argon2idParameters, minimumPassphraseLength: Int) {
        self.argon2id = argon2id
        self.minimumPassphraseLength = max(minimumPassphraseLength, Self.floorPassphraseLength)
    }

    /// Refuses a new passphrase shorter than the policy allows (counted in Unicode scalars,
    /// read from the wiping buffer: no `String` of it is made).
    public func checkNewPassphrase(_ passphrase: SecureBytes) throws {
        let scalars = passphrase.withUnsafeBytes { bytes in bytes.filter { $0 & 0xC0 != 0x80 }.count }
        guard scalars >= minimumPassphraseLength else { throw CaunoiError.weakPassphrase }
    }

    static func read(_ directory: URL) -> (SecuritySettings?, [PolicyProblem]) {
        var reader = YAMLReader(file: "security.yaml")
        guard let root = reader.root(in: directory) else { return (nil, reader.problems) }
        guard let kdf = root.mapping?["argon2id"] else {
            reader.problem("missing mapping `argon2id`", at: root)
            return (nil, reader.problems)
        }
        let ops = reader.int("opslimit", in: kdf)
        let mem = reader.int("memlimit_kib", in: kdf)
        let minimum = reader.int("minimum_passphrase_length", in: root)
        if let ops, !(Self.floorOps...Self.ceilingOps).contains(ops) {
            reader.problem("opslimit must be between \(Self.floorOps) and \(Self.ceilingOps)", at: kdf)
        }
        if let mem, !(Self.floorMemoryKiB...Self.ceilingMemoryKiB).contains(mem) {
            reader.problem("memlimit_kib must be between \(Self.floorMemoryKiB) (64 MiB) and \(Self.ceilingMemoryKiB) (4 GiB)", at: kdf)
        }
        if let minimum, minimum < Self.floorPassphraseLength {
            reader.problem("minimum_passphrase_length must be at least \(Self.floorPassphraseLength)", at: root)
        }
        guard reader.problems.isEmpty, let ops, let mem, let minimum else { return (nil, reader.problems) }
        let params = Argon2idParameters(opsLimit: UInt64(ops), memLimit: UInt64(mem) * 1024)
        return (SecuritySettings(argon2id: params, minimumPassphraseLength: minimum), [])
    }
}
