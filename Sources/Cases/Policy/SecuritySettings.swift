import Crypto
import Foundation

/// Keyslot parameters: Argon2id limits for new keyslots and the shortest passphrase.
public struct SecuritySettings: Sendable, Equatable {
    public let argon2id: Argon2idParameters
    public let minimumPassphraseLength: Int

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
        if let ops, ops < 1 { reader.problem("opslimit must be at least 1", at: kdf) }
        if let mem, mem < 8 { reader.problem("memlimit_kib must be at least 8", at: kdf) }
        guard reader.problems.isEmpty, let ops, let mem, let minimum else { return (nil, reader.problems) }
        let params = Argon2idParameters(opsLimit: UInt64(ops), memLimit: UInt64(mem) * 1024)
        return (SecuritySettings(argon2id: params, minimumPassphraseLength: minimum), [])
    }
}
