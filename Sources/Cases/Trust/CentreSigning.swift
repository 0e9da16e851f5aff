import CaunoiCrypto

/// A centre's packet-signing key: an Ed25519 pair derived from its current centre key, so
/// that every member of staff can sign for the centre and nobody else can. It is certified in
/// the centre's certificate (its `signPublic`), whose chain to the deployment root travels in
/// every packet; it changes with each key rotation, and partners check the chain against the
/// root they pinned, not the key itself (docs/REFERRAL-PACKET.md).
enum CentreSigning {
    static func keyPair(centreKey: SecureBytes) throws -> SigningKeyPair {
        try SigningKeyPair(seed: KeyDerivation.subkey(of: centreKey, label: "centre.sign"))
    }
}
