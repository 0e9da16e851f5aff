import CaunoiCrypto
import GRDB

/// What kind of body a partner agency is (REFERRALS.md). Stored; never rename.
public enum AgencyKind: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case justice
    case legalAid = "legal-aid"
    case police
    case borderGuard = "border-guard"
    case health, shelter
    case socialProtection = "social-protection"
    case embassy
    case internationalOrganisation = "international-organisation"
    case foreignCounterpart = "foreign-counterpart"
    case ngo, employment, education
}

/// A partner agency: public organisational data, the need codes it accepts, where it works,
/// and optionally its X25519 public key for sealed referral packets.
public struct Agency: Sendable, Equatable {
    public var id: String
    public var name: String
    public var nameEn: String?
    /// A Vietnamese name, for partners whose own name is in another script or language.
    public var nameVi: String?
    public var kind: AgencyKind
    public var services: [String]
    public var provinces: [String]
    public var countries: [String]
    public var website: String?
    public var email: String?
    public var phone: String?
    public var address: String?
    public var description: String?
    public var publicKey: [UInt8]?
    /// The language its staff read: referral letters to it are written in it.
    public var language: Language = .vi

    public init(id: String, name: String, kind: AgencyKind) {
        self.id = id
        self.name = name
        self.kind = kind
        self.services = []
        self.provinces = []
        self.countries = []
    }

    /// Agency ids: lower-case ASCII letters, digits and dashes.
    /// A usable X25519 public key: 32 bytes that libsodium can seal to. An all-zero or other
    /// low-order key would make every later `referral send` fail inside libsodium (and seal
    /// to nobody), so it is refused when the agency is added.
    public static func isUsable(publicKey: [UInt8]) -> Bool {
        publicKey.count == 32 && (try? SealedBox.seal(SecureBytes(copying: [0]), to: publicKey)) != nil
    }

    public static func validate(id: String) throws {
        let ok = (2...64).contains(id.count) && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard ok else { throw CaunoiError.invalid(.agencyID) }
    }
}
