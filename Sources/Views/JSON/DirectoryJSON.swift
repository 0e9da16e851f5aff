import Cases
import Foundation

/// `agency list|show --json`: the directory entry as HSDS-like plain data (keys in base64).
public struct AgencyJSON: Encodable {
    let id: String
    let name: String
    let nameEn: String?
    let kind: String
    let services: [String]
    let provinces: [String]
    let countries: [String]
    let website: String?
    let email: String?
    let phone: String?
    let address: String?
    let publicKey: String?

    public init(_ a: Agency) {
        id = a.id; name = a.name; nameEn = a.nameEn; kind = a.kind.rawValue; services = a.services; provinces = a.provinces
        countries = a.countries; website = a.website; email = a.email; phone = a.phone; address = a.address
        publicKey = a.publicKey.map { Data($0).base64EncodedString() }
    }
}

/// `referral suggest --json`: codes, for scripts.
public struct SuggestionJSON: Encodable {
    let rule: String
    let agency: String
    let service: String
    let priority: String
    let review: Bool
    let fields: [String]

    public init(_ s: Suggestion) {
        rule = s.rule; agency = s.agency; service = s.service; priority = s.priority.rawValue; review = s.review; fields = s.fields.map(\.rawValue)
    }
}
