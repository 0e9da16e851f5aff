import CaunoiCrypto
import Foundation

/// The sealed referral packet of REFERRALS.md (documented for partners in docs/REFERRAL-PACKET.md):
///
///     -----BEGIN CAUNOI REFERRAL-----
///     base64 (76-column lines) of crypto_box_seal(payload, agency public key)
///     -----END CAUNOI REFERRAL-----
///
/// `payload` is canonical JSON (`JSONValue.canonical`); `signature` is Ed25519 over the
/// canonical JSON of the payload without its `signature` member, by the sending centre's
/// signing key, whose certificate chain to the deployment root travels in `certificates`.
public enum ReferralPacket {
    public static let format = "caunoi-referral/2"
    static let begin = "-----BEGIN CAUNOI REFERRAL-----"
    static let end = "-----END CAUNOI REFERRAL-----"

    /// Signs and seals a payload (which must not yet carry `signature`) with the centre's
    /// signing key, adding its certificate chain.
    static func seal(_ unsigned: [String: JSONValue], signer: SigningKeyPair, chain: [SignedCertificate], to agencyKey: [UInt8]) throws -> String {
        var payload = unsigned
        payload["signer"] = .string(Data(signer.publicKey).base64EncodedString())
        payload["certificates"] = .array(chain.map { signed in
            .object(["body": .string(Data(signed.body).base64EncodedString()), "signature": .string(Data(signed.signature).base64EncodedString()),
                     "signer": .string(Data(signed.signerPublic).base64EncodedString())])
        })
        let signature = try signer.signature(for: JSONValue.object(payload).canonicalBytes)
        payload["signature"] = .string(Data(signature).base64EncodedString())
        let sealed = try SealedBox.seal(SecureBytes(utf8: JSONValue.object(payload).canonical), to: agencyKey)
        return armor(sealed, begin: begin, end: end)
    }

    /// An opened packet whose signature and chain verified, and the centre whose certified
    /// key signed it.
    public struct Opened: Sendable {
        public let payload: JSONValue
        public let signingCentre: String
    }

    /// Opens a packet with the agency's key pair and checks the signature and the signing
    /// centre's certificate chain against the deployment root the agency pinned. A packet
    /// that does not verify is refused here, so no face can show it as if it did.
    public static func open(_ text: String, keyPair: BoxKeyPair, root: [UInt8]) throws -> Opened {
        guard let sealed = dearmor(text, begin: begin, end: end) else { throw CaunoiError.malformedFile("referral packet") }
        let plain: SecureBytes
        do { plain = try SealedBox.open(sealed, with: keyPair) } catch { throw CaunoiError.packetUnreadable }
        guard case .object(var members) = try CaseStore.decode(plain), members["format"]?.string == format,
              let signature = members["signature"]?.string.flatMap({ Data(base64Encoded: $0) }),
              let signer = members["signer"]?.string.flatMap({ Data(base64Encoded: $0) }) else {
            throw CaunoiError.malformedFile("referral packet")
        }
        let payload = JSONValue.object(members)
        members["signature"] = nil
        let valid = Ed25519.isValid(signature: [UInt8](signature), for: JSONValue.object(members).canonicalBytes, publicKey: [UInt8](signer))
        guard valid, let centre = verifiedCentre(payload, signer: [UInt8](signer), root: root) else {
            throw CaunoiError.integrityFailure(record: "packet signature")
        }
        return Opened(payload: payload, signingCentre: centre)
    }

    /// The centre named by `from_centre`, if the first certificate certifies `signer` as its
    /// signing key and each certificate is signed by the next one's subject, who may issue it,
    /// up to one signed by `root`. Offline: revocations after issue are not seen (docs).
    static func verifiedCentre(_ payload: JSONValue, signer: [UInt8], root: [UInt8]) -> String? {
        guard case .array(let items)? = payload["certificates"], let centre = payload["from_centre"]?.string, !items.isEmpty, items.count <= 64 else {
            return nil
        }
        var chain: [(Certificate, [UInt8])] = []
        for item in items {
            guard let body = item["body"]?.string.flatMap({ Data(base64Encoded: $0) }).map({ [UInt8]($0) }),
                  let signature = item["signature"]?.string.flatMap({ Data(base64Encoded: $0) }),
                  let key = item["signer"]?.string.flatMap({ Data(base64Encoded: $0) }).map({ [UInt8]($0) }),
                  let certificate = Certificate.parse(body),
                  Ed25519.isValid(signature: [UInt8](signature), for: body, publicKey: key) else { return nil }
            chain.append((certificate, key))
        }
        let (first, _) = chain[0]
        guard first.kind == .centre, first.subject == centre, first.signPublic == signer,
              chain.allSatisfy({ $0.0.deployment == first.deployment }) else { return nil }
        for (index, (certificate, key)) in chain.enumerated() {
            if certificate.issuer == Certificate.root {
                return index == chain.count - 1 && key == root ? centre : nil
            }
            guard index + 1 < chain.count else { return nil }
            let issuer = chain[index + 1].0
            guard issuer.kind == .user, issuer.subject == certificate.issuer, issuer.signPublic == key,
                  Authority.mayIssue(issuer, certificate, target: nil) else { return nil }
        }
        return nil
    }

    static func armor(_ bytes: [UInt8], begin: String, end: String) -> String {
        let base64 = Data(bytes).base64EncodedString()
        var lines = [begin]
        var index = base64.startIndex
        while index < base64.endIndex {
            let next = base64.index(index, offsetBy: 76, limitedBy: base64.endIndex) ?? base64.endIndex
            lines.append(String(base64[index..<next]))
            index = next
        }
        lines.append(end)
        return lines.joined(separator: "\n") + "\n"
    }

    static func dearmor(_ text: String, begin: String, end: String) -> [UInt8]? {
        guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex) else { return nil }
        let body = text[start.upperBound..<stop.lowerBound].filter { !$0.isWhitespace }
        return Data(base64Encoded: String(body)).map { [UInt8]($0) }
    }
}

/// A partner agency's secret key file, made by `agency keygen` (mode 0600):
///
///     -----BEGIN CAUNOI AGENCY SECRET KEY-----
///     base64 of the 32-byte X25519 secret key
///     -----END CAUNOI AGENCY SECRET KEY-----
public enum AgencyKeyFile {
    static let begin = "-----BEGIN CAUNOI AGENCY SECRET KEY-----"
    static let end = "-----END CAUNOI AGENCY SECRET KEY-----"

    /// Writes a new key pair's secret half and returns the public key.
    public static func generate(path: String) throws -> [UInt8] {
        let pair = BoxKeyPair.generate()
        let text = ReferralPacket.armor(pair.secretKey.bytes, begin: begin, end: end)
        try OwnerOnlyFile.create(atPath: path, contents: Array(text.utf8), what: .output)
        return pair.publicKey
    }

    public static func read(path: String) throws -> BoxKeyPair {
        guard let data = FileManager.default.contents(atPath: path) else { throw CaunoiError.fileNotFound(.agencyKey) }
        guard let bytes = ReferralPacket.dearmor(String(decoding: data, as: UTF8.self), begin: begin, end: end), bytes.count == 32 else {
            throw CaunoiError.malformedFile("key")
        }
        return try BoxKeyPair(secretKey: SecureBytes(copying: bytes))
    }
}
