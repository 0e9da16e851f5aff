import Foundation
import GRDB

/// What a partner agency needs to tell this deployment's packets from forgeries: the root's
/// public key (to pin once) and each centre's current signing-key fingerprint (printed on
/// letters too). Exported for partners, who pin it to check packets.
public struct TrustExport: Sendable {
    public struct CentreKey: Sendable {
        public let code: String
        public let name: String
        public let keyVersion: Int
        public let signingFingerprint: String
    }

    public static let format = "caunoi-trust/1"
    public let deployment: String
    public let root: [UInt8]
    public let centres: [CentreKey]

    public var rootFingerprint: String { SignedCertificate.fingerprint(root) }

    public var json: JSONValue {
        .object([
            "format": .string(Self.format), "deployment": .string(deployment),
            "root_public": .string(Data(root).base64EncodedString()), "root_fingerprint": .string(rootFingerprint),
            "centres": .array(centres.map { centre in
                .object(["code": .string(centre.code), "name": .string(centre.name), "key_version": .int(centre.keyVersion),
                         "signing_fingerprint": .string(centre.signingFingerprint)])
            }),
        ])
    }

    /// The root key from a trust file, or from its base64 text given directly.
    public static func root(from text: String) throws -> [UInt8] {
        if let json = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) {
            guard json["format"]?.string == format, let key = json["root_public"]?.string.flatMap({ Data(base64Encoded: $0) }), key.count == 32 else {
                throw CaunoiError.malformedFile("trust")
            }
            return [UInt8](key)
        }
        guard let key = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), key.count == 32 else {
            throw CaunoiError.malformedFile("trust")
        }
        return [UInt8](key)
    }
}

extension CaseStore {
    /// The trust export, from the root pinned in the session's keyslot and the verified centre
    /// certificates (never from plain columns).
    public func trustExport(_ session: Session) throws -> TrustExport {
        try write { db in
            let (trust, _) = try trusted(db, session)
            var centres: [TrustExport.CentreKey] = []
            for centre in try Centre.fetchAll(db) {
                guard let certificate = try trust.current(.centre, centre.code)?.certificate, let key = certificate.signPublic,
                      let version = certificate.keyVersion else { throw CaunoiError.integrityFailure(record: "certificate of centre \(centre.code)") }
                centres.append(TrustExport.CentreKey(code: centre.code, name: centre.name, keyVersion: version,
                                                     signingFingerprint: SignedCertificate.fingerprint(key)))
            }
            try audit(db, session, "centre.trust")
            return TrustExport(deployment: trust.deployment, root: session.trustRoot, centres: centres)
        }
    }
}
