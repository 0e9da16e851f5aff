import Cases

public struct ReferralViewJSON: Encodable {
    let referral: ReferralJSON
    let disclosed: [String: String]
    let safeContact: String
    let events: [[String: String]]
    /// Central officers: why review, who submitted, since when, what changed since a return.
    let review: ReviewJSON?

    struct ReviewJSON: Encodable {
        let reasons: [String]
        let rule: String
        let submittedBy: String
        let waitingSince: String
        let changedSinceReturn: [String]?
        let afterTheFact: Bool
    }

    public init(_ view: ReferralView) {
        referral = ReferralJSON(view.referral)
        disclosed = view.disclosure.fields.mapValues { value in
            switch value {
            case .string(let s): s
            case .array(let items): items.compactMap(\.string).joined(separator: "; ")
            default: value.canonical
            }
        }
        safeContact = view.disclosure.safeContact
        events = view.events.map { e in
            var out = ["on": e.on, "by": e.by, "kind": e.kind]
            if let from = e.from { out["from"] = from }
            if let to = e.to { out["to"] = to }
            if let detail = e.detail { out["detail"] = detail }
            if let reason = e.reason { out["reason"] = reason.display }
            return out
        }
        review = view.review.map { ReviewJSON(reasons: $0.reasons.map(\.rawValue), rule: $0.rule, submittedBy: $0.submittedBy,
                                              waitingSince: $0.waitingSince, changedSinceReturn: $0.changedSinceReturn,
                                              afterTheFact: $0.afterTheFact) }
    }
}
