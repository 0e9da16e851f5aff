import Foundation
import Yams

/// Referral priority and its default answer deadline.
public enum Priority: String, Sendable, CaseIterable, Codable {
    case emergency, urgent, normal
}

/// Fields a referral may disclose (REFERRALS.md, minimum necessary). Stored in rules and
/// consents by raw value.
public enum DisclosableField: String, Sendable, CaseIterable, Codable {
    case name
    case otherNames = "other_names"
    case dob
    case birthYear = "birth_year"
    case phones, email
    case idNumber = "id_number"
    case passport, address
    case originProvince = "origin_province"
    case destination, migration, needs
    case ageBand = "age_band"
    /// The children the referred need concerns (linked in `need_children`).
    case children
}

/// One routing rule: when a case matches, suggest this agency (or kind), service, priority,
/// review and the only fields that may be disclosed.
public struct RoutingRule: Sendable, Equatable {
    public let id: String
    public let needs: Set<String>
    public let programmes: Set<String>
    public let destinations: Set<String>
    public let migration: Set<String>
    public let risk: Set<String>
    public let agency: String?
    public let agencyKind: AgencyKind?
    public let sameProvince: Bool
    public let service: String
    public let priority: Priority
    public let review: Bool
    public let fields: [DisclosableField]

    /// True when every condition given holds for the case's plain codes.
    public func matches(_ summary: CaseSummary) -> Bool {
        (needs.isEmpty || !needs.isDisjoint(with: summary.needs))
            && (programmes.isEmpty || programmes.contains(summary.programme.rawValue))
            && (destinations.isEmpty || summary.destination.map(destinations.contains) == true)
            && (migration.isEmpty || summary.migration.map(migration.contains) == true)
            && (risk.isEmpty || summary.risk.map { risk.contains($0.rawValue) } == true)
    }

    /// Central review is required by the rule, and always for a high-risk case (routing.yaml,
    /// "whatever the rule says").
    public func requiresReview(for summary: CaseSummary) -> Bool {
        review || summary.risk == .high
    }
}

/// `policy/routing.yaml`: deadlines per priority and the ordered rules.
public struct RoutingPolicy: Sendable {
    public let dueHours: [Priority: Int]
    public let rules: [RoutingRule]

    static let file = "routing.yaml"

    static func read(_ directory: URL, needs: CodeList, programmes: CodeList, migration: CodeList, countries: CodeList,
                     agencies: [Agency]) -> (RoutingPolicy?, [PolicyProblem]) {
        var reader = YAMLReader(file: file)
        guard let root = reader.root(in: directory) else { return (nil, reader.problems) }
        var due: [Priority: Int] = [:]
        if let table = root.mapping?["due"]?.mapping {
            for (key, value) in table {
                guard let priority = key.string.flatMap(Priority.init(rawValue:)) else { reader.problem("unknown priority \(key.string ?? "?")", at: key); continue }
                guard let hours = value.int, hours > 0 else { reader.problem("due hours must be a positive whole number", at: value); continue }
                due[priority] = hours
            }
        }
        for priority in Priority.allCases where due[priority] == nil {
            reader.problem("missing due hours for \(priority.rawValue)", at: root.mapping?["due"] ?? root)
        }
        let agencyIDs = Set(agencies.map(\.id))
        let kinds = Set(agencies.map(\.kind))
        var rules: [RoutingRule] = []
        var seen: Set<String> = []
        for node in reader.sequence("rules", in: root) {
            guard let id = reader.string("id", in: node), let service = reader.string("service", in: node) else { continue }
            if !seen.insert(id).inserted { reader.problem("duplicate rule id \(id)", at: node) }
            let when = node.mapping?["when"]
            func set(_ key: String, _ list: CodeList?) -> Set<String> {
                guard let value = when?.mapping?[key] else { return [] }
                guard let items = value.sequence else { reader.problem("`when.\(key)` must be a list", at: value); return [] }
                var out: Set<String> = []
                for item in items {
                    guard let code = item.string else { continue }
                    if let list, !list.contains(code) { reader.problem("unknown \(list.name) code \(code)", at: item) }
                    out.insert(code)
                }
                return out
            }
            let needSet = set("needs", needs)
            let programmeSet = set("programmes", programmes)
            let destinationSet = set("destinations", countries)
            let migrationSet = set("migration", migration)
            let riskSet = set("risk", nil)
            for level in riskSet where RiskLevel(rawValue: level) == nil { reader.problem("unknown risk level \(level)", at: when) }
            if !needs.contains(service) { reader.problem("unknown need code \(service) as service", at: node.mapping?["service"]) }
            let agency = reader.string("agency", in: node, required: false)
            let kindText = reader.string("agency_kind", in: node, required: false)
            var kind: AgencyKind?
            switch (agency, kindText) {
            case (nil, nil), (.some, .some):
                reader.problem("give exactly one of `agency` or `agency_kind`", at: node)
            case (let id?, nil):
                if !agencyIDs.contains(id) { reader.problem("unknown agency \(id)", at: node.mapping?["agency"]) }
            case (nil, let text?):
                kind = AgencyKind(rawValue: text)
                if kind == nil { reader.problem("unknown agency kind \(text)", at: node.mapping?["agency_kind"]) }
                else if !kinds.contains(kind!) { reader.problem("no agency of kind \(text) in agencies.yaml", at: node.mapping?["agency_kind"]) }
            }
            let priorityText = reader.string("priority", in: node) ?? "normal"
            let priority = Priority(rawValue: priorityText)
            if priority == nil { reader.problem("unknown priority \(priorityText)", at: node.mapping?["priority"]) }
            var fields: [DisclosableField] = []
            if let list = node.mapping?["fields"]?.sequence {
                for item in list {
                    if let field = item.string.flatMap(DisclosableField.init(rawValue:)) { fields.append(field) } else {
                        reader.problem("unknown field \(item.string ?? "?")", at: item)
                    }
                }
            } else {
                reader.problem("missing list `fields`", at: node)
            }
            let review = node.mapping?["review"]?.bool ?? false
            let sameProvince = node.mapping?["same_province"]?.bool ?? false
            rules.append(RoutingRule(id: id, needs: needSet, programmes: programmeSet, destinations: destinationSet,
                                     migration: migrationSet, risk: riskSet, agency: agency, agencyKind: kind,
                                     sameProvince: sameProvince, service: service, priority: priority ?? .normal,
                                     review: review, fields: fields))
        }
        for need in needs.entries where !rules.contains(where: { $0.service == need.code }) {
            reader.problem("no rule routes the need \(need.code)", at: root.mapping?["rules"] ?? root)
        }
        guard reader.problems.isEmpty else { return (nil, reader.problems) }
        return (RoutingPolicy(dueHours: due, rules: rules), [])
    }
}
