import Foundation

/// The partner directory in the shape of the Open Referral Human Services Data Specification
/// (HSDS 3.x): organisations with nested services, locations and phones. Our additions ride
/// on HSDS `attributes` (taxonomy terms), so a plain HSDS reader still understands the rest:
///
/// - taxonomy `caunoi-agency-kind` on the organisation: the agency kind;
/// - taxonomy `caunoi-need` on each service: the need code it accepts;
/// - taxonomy `caunoi-key` (code `x25519-public-key`) on the organisation, `value` = base64;
/// - service areas with `extent_type` `caunoi-province` / `caunoi-country`: where it works;
/// - taxonomy `caunoi-name-vi` on the organisation, `value` = its Vietnamese name;
/// - each service's HSDS `languages` (code `vi` or `en`): the language its letters are written in.
public enum HSDS {
    static let kindTaxonomy = "caunoi-agency-kind"
    static let needTaxonomy = "caunoi-need"
    static let keyTaxonomy = "caunoi-key"
    static let vietnameseNameTaxonomy = "caunoi-name-vi"

    // MARK: - Export

    public static func export(_ agencies: [Agency], policy: Policy) throws -> Data {
        let organisations: [[String: Any]] = agencies.map { agency in
            var org: [String: Any] = ["id": agency.id, "name": agency.name]
            if let value = agency.nameEn { org["alternate_name"] = value }
            if let value = agency.description { org["description"] = value }
            if let value = agency.email { org["email"] = value }
            if let value = agency.website { org["website"] = value }
            if let value = agency.phone { org["phones"] = [["id": "\(agency.id)-phone", "number": value]] }
            var attributes: [[String: Any]] = [[
                "id": "\(agency.id)-kind", "link_entity": "organization", "link_id": agency.id, "link_type": "kind",
                "taxonomy_term": ["id": "\(kindTaxonomy)-\(agency.kind.rawValue)", "code": agency.kind.rawValue,
                                  "name": agency.kind.rawValue, "taxonomy": kindTaxonomy],
            ]]
            if let key = agency.publicKey {
                attributes.append([
                    "id": "\(agency.id)-key", "link_entity": "organization", "link_id": agency.id, "link_type": "key",
                    "value": Data(key).base64EncodedString(),
                    "taxonomy_term": ["id": "\(keyTaxonomy)-x25519", "code": "x25519-public-key", "name": "X25519 public key", "taxonomy": keyTaxonomy],
                ])
            }
            if let name = agency.nameVi {
                attributes.append([
                    "id": "\(agency.id)-name-vi", "link_entity": "organization", "link_id": agency.id, "link_type": "name", "value": name,
                    "taxonomy_term": ["id": "\(vietnameseNameTaxonomy)", "code": "vi", "name": "Vietnamese name", "taxonomy": vietnameseNameTaxonomy],
                ])
            }
            org["attributes"] = attributes
            // A shelter's address is never exported (and never stored).
            if let address = agency.address, agency.kind != .shelter {
                org["locations"] = [[
                    "id": "\(agency.id)-office", "location_type": "physical", "name": agency.name,
                    "addresses": [["id": "\(agency.id)-address", "address_1": address, "address_type": "physical"]
                                  .merging(agency.countries.first.map { ["country": $0] } ?? [:]) { first, _ in first }],
                ]]
            }
            let areas: [[String: Any]] = agency.provinces.map { ["id": "\(agency.id)-province-\($0)", "name": $0, "extent_type": "caunoi-province"] }
                + agency.countries.map { ["id": "\(agency.id)-country-\($0)", "name": $0, "extent_type": "caunoi-country"] }
            org["services"] = agency.services.map { code -> [String: Any] in
                [
                    "id": "\(agency.id)-\(code)", "organization_id": agency.id, "status": "active",
                    "name": policy.needs.entry(code)?.vi ?? code, "alternate_name": policy.needs.entry(code)?.en ?? code,
                    "attributes": [[
                        "id": "\(agency.id)-\(code)-need", "link_entity": "service", "link_id": "\(agency.id)-\(code)", "link_type": "need",
                        "taxonomy_term": ["id": "\(needTaxonomy)-\(code)", "code": code, "name": code, "taxonomy": needTaxonomy],
                    ]],
                    "service_areas": areas,
                    "languages": [["id": "\(agency.id)-\(code)-language", "service_id": "\(agency.id)-\(code)",
                                   "name": agency.language == .vi ? "Tiếng Việt" : "English", "code": agency.language.rawValue]],
                ]
            }
            return org
        }
        return try JSONSerialization.data(withJSONObject: organisations, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    // MARK: - Import

    /// Reads an export: an array of organisations, one organisation, a paginated list
    /// (`contents`), or a service with its `organization`. Everything is checked before
    /// anything is returned; a problem names the organisation's position and field.
    public static func parse(_ data: Data, defaultKind: AgencyKind, policy: Policy) throws -> [Agency] {
        guard let json = try? JSONSerialization.jsonObject(with: data) else { throw CaunoiError.malformedFile("HSDS") }
        let organisations: [[String: Any]]
        if let list = json as? [[String: Any]] {
            organisations = list
        } else if let object = json as? [String: Any], let contents = object["contents"] as? [[String: Any]] {
            organisations = contents
        } else if let object = json as? [String: Any], var org = object["organization"] as? [String: Any] {
            var service = object
            service["organization"] = nil
            org["services"] = [service]
            organisations = [org]
        } else if let object = json as? [String: Any] {
            organisations = [object]
        } else {
            throw CaunoiError.malformedFile("HSDS")
        }
        var seen: Set<String> = []
        return try organisations.enumerated().map { index, org in
            let agency = try agency(from: org, position: index + 1, defaultKind: defaultKind, policy: policy)
            guard seen.insert(agency.id).inserted else { throw CaunoiError.hsdsInvalid(organisation: index + 1, field: "id") }
            return agency
        }
    }

    private static func agency(from org: [String: Any], position: Int, defaultKind: AgencyKind, policy: Policy) throws -> Agency {
        func fail(_ field: String) -> CaunoiError { .hsdsInvalid(organisation: position, field: field) }
        guard let rawID = org["id"] as? String else { throw fail("id") }
        let id = rawID.lowercased()
        guard (try? Agency.validate(id: id)) != nil else { throw fail("id") }
        guard let name = (org["name"] as? String)?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { throw fail("name") }
        let attributes = org["attributes"] as? [[String: Any]] ?? []
        var kind = defaultKind
        var publicKey: [UInt8]?
        var nameVi: String?
        for attribute in attributes {
            let term = attribute["taxonomy_term"] as? [String: Any]
            switch term?["taxonomy"] as? String {
            case kindTaxonomy?:
                guard let code = term?["code"] as? String, let value = AgencyKind(rawValue: code) else { throw fail("attributes.kind") }
                kind = value
            case keyTaxonomy?:
                guard let text = attribute["value"] as? String, let bytes = Data(base64Encoded: text), Agency.isUsable(publicKey: [UInt8](bytes)) else {
                    throw fail("attributes.public_key")
                }
                publicKey = [UInt8](bytes)
            case vietnameseNameTaxonomy?:
                nameVi = (attribute["value"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            default: continue
            }
        }
        var agency = Agency(id: id, name: name, kind: kind)
        agency.publicKey = publicKey
        agency.nameVi = nameVi
        agency.nameEn = org["alternate_name"] as? String
        agency.description = org["description"] as? String
        agency.email = org["email"] as? String
        agency.website = org["website"] as? String
        agency.phone = ((org["phones"] as? [[String: Any]])?.first?["number"] as? String)
        var services: [String] = []
        var provinces: [String] = []
        var countries: [String] = []
        var addressCountries: [String] = []
        var sawAreas = false
        guard org["services"] == nil || org["services"] is [[String: Any]] else { throw fail("services") }
        for service in org["services"] as? [[String: Any]] ?? [] {
            if let status = service["status"] as? String, status != "active" { continue }
            // The first language a service names that letters can be written in.
            if let code = (service["languages"] as? [[String: Any]] ?? []).lazy.compactMap({ ($0["code"] as? String).flatMap(Language.init(rawValue:)) }).first {
                agency.language = code
            }
            let terms = (service["attributes"] as? [[String: Any]] ?? []).compactMap { $0["taxonomy_term"] as? [String: Any] }
            for term in terms where term["taxonomy"] as? String == needTaxonomy {
                guard let code = term["code"] as? String, policy.needs.contains(code) else { throw fail("services.attributes.need") }
                services.append(code)
            }
            if terms.isEmpty, let code = service["name"] as? String, policy.needs.contains(code) { services.append(code) }
            for area in service["service_areas"] as? [[String: Any]] ?? [] {
                guard let code = area["name"] as? String else { continue }
                switch area["extent_type"] as? String {
                case "caunoi-province"?:
                    sawAreas = true
                    guard let current = try? policy.province(code) else { throw fail("services.service_areas.province") }
                    provinces.append(current)
                case "caunoi-country"?:
                    sawAreas = true
                    guard let iso = try? policy.country(code) else { throw fail("services.service_areas.country") }
                    countries.append(iso)
                default: continue
                }
            }
        }
        for location in org["locations"] as? [[String: Any]] ?? [] {
            for address in location["addresses"] as? [[String: Any]] ?? [] {
                if agency.address == nil, kind != .shelter {
                    let parts = ["address_1", "address_2", "city", "state_province"].compactMap { address[$0] as? String }.filter { !$0.isEmpty }
                    if !parts.isEmpty { agency.address = parts.joined(separator: ", ") }
                }
                if let country = address["country"] as? String, let iso = try? policy.country(country) { addressCountries.append(iso) }
            }
        }
        // A foreign directory without our service areas: where its offices are is where it works.
        if !sawAreas { countries += addressCountries }
        agency.services = Array(Set(services)).sorted()
        agency.provinces = Array(Set(provinces)).sorted()
        agency.countries = Array(Set(countries)).sorted()
        return agency
    }
}
