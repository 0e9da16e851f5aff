import Cases

public struct ReferralJSON: Encodable {
    let id: String
    let `case`: String
    let agency: String
    let service: String
    let priority: String
    let status: String
    let review: Bool
    let fields: [String]
    let due: String
    let overdue: Bool
    let declineCode: String?

    public init(_ r: Referral) {
        id = r.id; `case` = r.caseID; agency = r.agency; service = r.service; priority = r.priority.rawValue; status = r.status.rawValue
        review = r.review; fields = r.fields.map(\.rawValue); due = r.due; overdue = r.isOverdue(); declineCode = r.declineCode
    }
}

/// `referral create --json`.
public struct ReferralCreatedJSON: Encodable {
    let id: String
    let status: String
    let due: String

    public init(_ referral: Referral) { (id, status, due) = (referral.id, referral.status.rawValue, referral.due) }
}
