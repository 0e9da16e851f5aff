/// One suggested referral: which rule, agency and service, with its priority, review and
/// the fields it would disclose.
public struct Suggestion: Sendable, Equatable {
    public let rule: String
    public let agency: String
    public let service: String
    public let priority: Priority
    public let review: Bool
    public let fields: [DisclosableField]
}

extension CaseStore {
    /// Evaluates the routing rules in order on the case's plain codes.
    public func suggestReferrals(_ session: Session, policy: Policy, caseID: String) throws -> [Suggestion] {
        let directory = try agencies(session, policy: policy)
        return try withCase(session, caseID) { db, summary, _ in
            try audit(db, session, "referral.suggest", record: caseID, centre: summary.centre)
            return Self.suggestions(for: summary, rules: policy.routing.rules, directory: directory)
        }
    }

    static func suggestions(for summary: CaseSummary, rules: [RoutingRule], directory: [Agency]) -> [Suggestion] {
        var seen: Set<String> = []
        var out: [Suggestion] = []
        for rule in rules where rule.matches(summary) {
            for agency in candidates(rule, summary: summary, directory: directory) where seen.insert("\(agency.id)|\(rule.service)").inserted {
                out.append(Suggestion(rule: rule.id, agency: agency.id, service: rule.service, priority: rule.priority,
                                      review: rule.requiresReview(for: summary), fields: rule.fields))
            }
        }
        return out
    }

    /// Agencies a rule points at: the named one, or those of its kind that accept the service
    /// and work in the destination when they work abroad. A provincial body (one that lists
    /// the provinces it serves) is offered only to a woman of one of those provinces, never to
    /// a woman elsewhere (a Hồ Chí Minh City hospital is no help in Hải Phòng); national bodies
    /// to everyone. `same_province` rules offer her province's bodies alone when there are any.
    static func candidates(_ rule: RoutingRule, summary: CaseSummary, directory: [Agency]) -> [Agency] {
        if let id = rule.agency { return directory.filter { $0.id == id } }
        let ofKind = directory.filter { agency in
            agency.kind == rule.agencyKind && agency.services.contains(rule.service)
                && (agency.countries.isEmpty || agency.countries.contains("VN") || summary.destination.map(agency.countries.contains) == true)
        }
        let national = ofKind.filter { $0.provinces.isEmpty }
        guard let province = summary.originProvince else { return national }
        let local = ofKind.filter { $0.provinces.contains(province) }
        if rule.sameProvince, !local.isEmpty { return local }
        return local + national
    }
}
