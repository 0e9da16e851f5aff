import CaunoiCrypto
import Foundation

/// A signed statement that decides who receives keys or may act: a user's public keys, role
/// and centre; the recovery and central review public keys; a centre's box key; or the
/// revocation of one of these. Only the signed body is ever believed: the plain columns of
/// `certificates` exist to find rows, never to decide anything (docs/SECURITY.md, "Integrity").
struct Certificate: Equatable, Sendable {
    enum Kind: String, Sendable {
        /// A staff account: box and signing public keys, role, centre.
        case user
        /// The recovery public key (X25519), certified by the deployment root.
        case recovery
        /// The central review public key (X25519), certified by the deployment root.
        case central
        /// A centre's box public key for one centre-key version.
        case centre
        /// A partner agency added or imported by staff: its kind (which consent scopes name) and
        /// its X25519 key (what packets about a woman are sealed to), if it has one.
        case agency
        /// Withdraws the certificate whose serial is its subject.
        case revocation
    }

    static let format = "caunoi-cert/1"
    /// The issuer name of certificates signed by the deployment root (`#` is never in a user
    /// name, so no account can be taken for the root).
    static let root = "#root"

    let serial: String
    let kind: Kind
    let deployment: String
    /// A user name, a centre code, `recovery` / `central`, or for a revocation the serial it
    /// withdraws.
    let subject: String
    var role: Role? = nil
    var centre: String? = nil
    var boxPublic: [UInt8]? = nil
    var signPublic: [UInt8]? = nil
    var keyVersion: Int? = nil
    /// For a centre: the commitment to its index key (see `KeyCommitment`).
    var indexPublic: [UInt8]? = nil
    /// For an agency: its kind.
    var agencyKind: String? = nil
    /// For a revocation of a user: certificates she issued that stay valid (issued before it).
    var keeps: [String] = []
    /// The issuing user's name, or `#root`.
    let issuer: String
    let issuedAt: String

    /// Canonical JSON: the exact bytes that are signed and stored.
    var body: [UInt8] {
        var object: [String: JSONValue] = [
            "format": .string(Self.format), "serial": .string(serial), "kind": .string(kind.rawValue),
            "deployment": .string(deployment), "subject": .string(subject), "issuer": .string(issuer),
            "issued_at": .string(issuedAt),
        ]
        if let role { object["role"] = .string(role.rawValue) }
        if let centre { object["centre"] = .string(centre) }
        if let boxPublic { object["box_public"] = .string(Data(boxPublic).base64EncodedString()) }
        if let signPublic { object["sign_public"] = .string(Data(signPublic).base64EncodedString()) }
        if let keyVersion { object["key_version"] = .int(keyVersion) }
        if let indexPublic { object["index_public"] = .string(Data(indexPublic).base64EncodedString()) }
        if let agencyKind { object["agency_kind"] = .string(agencyKind) }
        if kind == .revocation { object["keeps"] = .array(keeps.sorted().map(JSONValue.string)) }
        return JSONValue.object(object).canonicalBytes
    }

    /// Parses a stored body; anything that is not exactly a canonical certificate is refused.
    static func parse(_ body: [UInt8]) -> Certificate? {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: Data(body)),
              json["format"]?.string == format,
              let serial = json["serial"]?.string, let kind = json["kind"]?.string.flatMap(Kind.init(rawValue:)),
              let deployment = json["deployment"]?.string, let subject = json["subject"]?.string,
              let issuer = json["issuer"]?.string, let issuedAt = json["issued_at"]?.string else { return nil }
        var certificate = Certificate(serial: serial, kind: kind, deployment: deployment, subject: subject, issuer: issuer, issuedAt: issuedAt)
        if let role = json["role"] {
            guard let parsed = role.string.flatMap(Role.init(rawValue:)) else { return nil }
            certificate.role = parsed
        }
        certificate.centre = json["centre"]?.string
        func key(_ name: String) -> [UInt8]?? {
            guard let value = json[name] else { return .some(nil) }
            guard let text = value.string, let data = Data(base64Encoded: text), data.count == 32 else { return nil }
            return .some([UInt8](data))
        }
        guard let box = key("box_public"), let sign = key("sign_public"), let index = key("index_public") else { return nil }
        certificate.boxPublic = box
        certificate.signPublic = sign
        certificate.indexPublic = index
        certificate.agencyKind = json["agency_kind"]?.string
        if case .int(let version)? = json["key_version"] { certificate.keyVersion = version }
        if case .array(let kept)? = json["keeps"] { certificate.keeps = kept.compactMap(\.string) }
        // Re-encoding must give the same bytes: no unknown members, nothing reordered.
        guard certificate.body == body, certificate.isWellFormed else { return nil }
        return certificate
    }

    /// The members each kind must (and must not) carry.
    var isWellFormed: Bool {
        switch kind {
        case .user:
            guard let role, boxPublic != nil, signPublic != nil, keyVersion == nil, indexPublic == nil, agencyKind == nil, keeps.isEmpty else {
                return false
            }
            return role.needsCentre == (centre != nil)
        case .recovery, .central:
            return boxPublic != nil && signPublic == nil && role == nil && centre == nil && keyVersion == nil && indexPublic == nil
                && agencyKind == nil && keeps.isEmpty
        case .centre:
            // The centre's packet-signing key (derived from this version's centre key) is its signPublic.
            return boxPublic != nil && indexPublic != nil && signPublic != nil && centre == subject && (keyVersion ?? 0) >= 1 && role == nil
                && agencyKind == nil && keeps.isEmpty
        case .agency:
            return agencyKind != nil && signPublic == nil && role == nil && centre == nil && keyVersion == nil && indexPublic == nil
                && keeps.isEmpty
        case .revocation:
            return boxPublic == nil && signPublic == nil && role == nil && centre == nil && keyVersion == nil && indexPublic == nil
                && agencyKind == nil
        }
    }
}

/// A certificate as stored: its body, the signature and the key that made it.
struct SignedCertificate: Sendable {
    let certificate: Certificate
    let body: [UInt8]
    let signature: [UInt8]
    let signerPublic: [UInt8]

    static func sign(_ certificate: Certificate, with signer: SigningKeyPair) throws -> SignedCertificate {
        let body = certificate.body
        return SignedCertificate(certificate: certificate, body: body, signature: try signer.signature(for: body), signerPublic: signer.publicKey)
    }

    /// The short fingerprint people compare by eye (first 16 bytes of BLAKE2b-256, hex, grouped).
    static func fingerprint(_ publicKey: [UInt8]) -> String {
        let digest = (try? BLAKE2b.hash(publicKey, key: nil, outputByteCount: 32)) ?? []
        let hex = digest.prefix(16).map { String(format: "%02x", $0) }.joined()
        return stride(from: 0, to: hex.count, by: 4).map { offset -> String in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return String(hex[start..<hex.index(start, offsetBy: 4)])
        }.joined(separator: " ")
    }
}
