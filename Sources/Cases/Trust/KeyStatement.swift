import CaunoiCrypto
import Foundation

/// The signed statement beside every sealed key handed over in the file: a grant to a user
/// (`caunoi-grant/1`) or a wrap for the recovery key (`caunoi-wrap/1`). Anyone can seal a key
/// to a public key, so the sealed box alone proves nothing; the signature says who handed it
/// over, and the rules in `Authority` say whether she could.
struct KeyStatement: Equatable, Sendable {
    enum Kind: String, Sendable {
        case grant = "caunoi-grant/1"
        case recoveryWrap = "caunoi-wrap/1"
    }

    let kind: Kind
    let deployment: String
    let keyID: String
    /// BLAKE2b-256 of the sealed box, binding the statement to exactly that ciphertext.
    let sealedHash: [UInt8]
    /// The signing user's name, or `root`.
    let signer: String
    /// For a grant: who receives it, and the certificate whose box key it is sealed to.
    var recipient: String? = nil
    var recipientCertificate: String? = nil
    let at: String

    static func hash(ofSealed sealed: [UInt8]) throws -> [UInt8] {
        try BLAKE2b.hash(sealed, key: nil, outputByteCount: 32)
    }

    var body: [UInt8] {
        var object: [String: JSONValue] = [
            "format": .string(kind.rawValue), "deployment": .string(deployment), "key_id": .string(keyID),
            "sealed": .string(Data(sealedHash).base64EncodedString()), "signer": .string(signer), "at": .string(at),
        ]
        if let recipient { object["recipient"] = .string(recipient) }
        if let recipientCertificate { object["recipient_certificate"] = .string(recipientCertificate) }
        return JSONValue.object(object).canonicalBytes
    }

    static func parse(_ body: [UInt8]) -> KeyStatement? {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: Data(body)),
              let kind = json["format"]?.string.flatMap(Kind.init(rawValue:)),
              let deployment = json["deployment"]?.string, let keyID = json["key_id"]?.string,
              let hash = json["sealed"]?.string.flatMap({ Data(base64Encoded: $0) }), hash.count == 32,
              let signer = json["signer"]?.string, let at = json["at"]?.string else { return nil }
        let statement = KeyStatement(kind: kind, deployment: deployment, keyID: keyID, sealedHash: [UInt8](hash), signer: signer,
                                     recipient: json["recipient"]?.string, recipientCertificate: json["recipient_certificate"]?.string, at: at)
        guard statement.body == body, (kind == .grant) == (statement.recipient != nil && statement.recipientCertificate != nil) else { return nil }
        return statement
    }

    /// True when `signature` by `signerPublic` covers `body`, and the body is this statement
    /// about exactly `sealed` and `keyID`.
    static func verified(body: [UInt8], signature: [UInt8], signerPublic: [UInt8], sealed: [UInt8], keyID: String,
                         kind: Kind, deployment: String) -> KeyStatement? {
        guard Ed25519.isValid(signature: signature, for: body, publicKey: signerPublic),
              let statement = parse(body), statement.kind == kind, statement.deployment == deployment, statement.keyID == keyID,
              let hash = try? hash(ofSealed: sealed), hash == statement.sealedHash else { return nil }
        return statement
    }
}
