import Foundation
import Yams

/// The starter directory shipped in `policy/agencies.yaml`, read with file and line for
/// every problem.
enum AgencyDirectoryFile {
    static let file = "agencies.yaml"

    static func read(_ directory: URL, needs: CodeList, provinces: CodeList, countries: CodeList) -> ([Agency], [String: Int], [PolicyProblem]) {
        var reader = YAMLReader(file: file)
        let root = reader.root(in: directory)
        var agencies: [Agency] = []
        var lines: [String: Int] = [:]
        for node in reader.sequence("agencies", in: root) {
            guard let id = reader.string("id", in: node), let name = reader.string("name", in: node),
                  let kindText = reader.string("kind", in: node) else { continue }
            if (try? Agency.validate(id: id)) == nil { reader.problem("agency id \(id) must be lower-case letters, digits and dashes", at: node) }
            if lines[id] != nil { reader.problem("duplicate agency id \(id)", at: node) }
            guard let kind = AgencyKind(rawValue: kindText) else {
                reader.problem("unknown agency kind \(kindText)", at: node.mapping?["kind"])
                continue
            }
            var agency = Agency(id: id, name: name, kind: kind)
            agency.nameEn = reader.string("name_en", in: node, required: false)
            agency.nameVi = reader.string("name_vi", in: node, required: false)
            if let language = reader.string("language", in: node, required: false) {
                if let value = Language(rawValue: language) { agency.language = value } else {
                    reader.problem("language must be vi or en", at: node.mapping?["language"])
                }
            }
            agency.services = codes("services", in: node, list: needs, reader: &reader)
            agency.provinces = codes("provinces", in: node, list: provinces, reader: &reader)
            agency.countries = codes("countries", in: node, list: countries, reader: &reader)
            agency.website = reader.string("website", in: node, required: false)
            agency.email = reader.string("email", in: node, required: false)
            agency.phone = reader.string("phone", in: node, required: false)
            agency.address = reader.string("address", in: node, required: false)
            agency.description = reader.string("description", in: node, required: false)
            if kind == .shelter, agency.address != nil {
                reader.problem("a shelter's address must not be listed", at: node.mapping?["address"])
            }
            if let key = reader.string("public_key", in: node, required: false) {
                if let bytes = Data(base64Encoded: key), Agency.isUsable(publicKey: [UInt8](bytes)) { agency.publicKey = [UInt8](bytes) } else {
                    reader.problem("public_key must be a usable X25519 public key (32 bytes, base64)", at: node.mapping?["public_key"])
                }
            }
            lines[id] = node.mark?.line ?? 1
            agencies.append(agency)
        }
        return (agencies, lines, reader.problems)
    }

    private static func codes(_ key: String, in node: Node, list: CodeList, reader: inout YAMLReader) -> [String] {
        guard let value = node.mapping?[key] else { return [] }
        guard let items = value.sequence else {
            reader.problem("`\(key)` must be a list", at: value)
            return []
        }
        var out: [String] = []
        for item in items {
            guard let code = item.string else { reader.problem("`\(key)` entries must be codes", at: item); continue }
            if list.contains(code) { out.append(code) } else { reader.problem("unknown \(list.name) code \(code)", at: item) }
        }
        return out
    }
}

extension AgencyDirectoryFile {
    /// The provincial bodies every current province must have, so that routing offers a woman
    /// her own province's office rather than a national ministry or another province's
    /// (issue 16): a Department of Justice, a State Legal Aid Centre and the provincial
    /// Women's Union (kind `ngo`, ids `vn-vwu-…`).
    static let provincialBodies: [(name: String, matches: @Sendable (Agency) -> Bool)] = [
        ("a Department of Justice (kind justice)", { $0.kind == .justice }),
        ("a State Legal Aid Centre (kind legal-aid)", { $0.kind == .legalAid }),
        ("a provincial Women's Union (kind ngo, id vn-vwu-…)", { $0.kind == .ngo && $0.id.hasPrefix("vn-vwu-") }),
    ]

    static func provincialGaps(_ agencies: [Agency], provinces: CodeList) -> [PolicyProblem] {
        provinces.entries.flatMap { province in
            provincialBodies.compactMap { body in
                agencies.contains { body.matches($0) && $0.provinces.contains(province.code) } ? nil
                    : PolicyProblem(file: file, line: 1, problem: "province \(province.code) (\(province.en)) has no \(body.name)")
            }
        }
    }
}
