import GRDB

/// Why a referral waits for a central officer (REFERRALS.md): worked out from the referral,
/// its agency and the case's risk, never from anything sealed.
public enum ReviewReason: String, Sendable, CaseIterable, Codable {
    /// The case is at high risk: always reviewed, whatever the rule says.
    case highRisk = "high-risk"
    /// It discloses her migration or needs, which can reveal trafficking or violence.
    case sensitiveFields = "sensitive-fields"
    /// The agency is abroad or international: data may leave Viet Nam.
    case crossBorder = "cross-border"
    /// The routing rule asks for review for another reason.
    case rule
}

/// What a central officer needs beside the disclosure to decide: why review, who submitted
/// and since when it waits, and on a resubmission which fields changed since the return.
public struct ReviewContext: Sendable, Equatable {
    public let reasons: [ReviewReason]
    public let rule: String
    public let submittedBy: String
    /// The day it last went to review.
    public let waitingSince: String
    /// The fields whose values changed on the last resubmission (nil: never returned).
    public let changedSinceReturn: [String]?
    /// An emergency a manager sent before review: reviewed after the fact.
    public let afterTheFact: Bool
}

extension CaseStore {
    func reviewContext(_ db: Database, _ referral: Referral, events: [ReferralEventView]) throws -> ReviewContext {
        var reasons: [ReviewReason] = []
        if try String.fetchOne(db, sql: "SELECT risk FROM cases WHERE id = ?", arguments: [referral.caseID]) == RiskLevel.high.rawValue {
            reasons.append(.highRisk)
        }
        if referral.fields.contains(.migration) || referral.fields.contains(.needs) { reasons.append(.sensitiveFields) }
        let kind = try String.fetchOne(db, sql: "SELECT kind FROM agencies WHERE id = ?", arguments: [referral.agency]).flatMap(AgencyKind.init(rawValue:))
        if let kind, [.embassy, .internationalOrganisation, .foreignCounterpart].contains(kind) { reasons.append(.crossBorder) }
        if reasons.isEmpty { reasons.append(.rule) }
        let toReview = events.last { $0.to == ReferralStatus.pendingReview.rawValue }
        let submitted = events.last { $0.kind == "submitted" }
        let changed = submitted?.detail.map { detail -> [String] in
            detail.hasPrefix("changed: ") ? detail.dropFirst("changed: ".count).split(separator: ",").map(String.init) : []
        }
        return ReviewContext(reasons: reasons, rule: referral.rule, submittedBy: toReview?.by ?? referral.createdBy,
                             waitingSince: toReview?.on ?? referral.createdOn, changedSinceReturn: changed,
                             afterTheFact: try Self.awaitsLateReview(db, referral.id))
    }
}
