import Foundation
import GRDB

/// The referral lifecycle (REFERRALS.md).
public enum ReferralStatus: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case draft
    case pendingReview = "pending-review"
    case ready, sent, accepted, declined, completed, withdrawn

    /// States from which a referral can still be withdrawn.
    static let open: [ReferralStatus] = [.draft, .pendingReview, .ready, .sent, .accepted]
    /// States in which nobody has answered yet (for the overdue list).
    static let unanswered: [ReferralStatus] = [.draft, .pendingReview, .ready, .sent]

    public func canBecome(_ next: ReferralStatus) -> Bool {
        switch (self, next) {
        case (.draft, .pendingReview), (.draft, .ready), (.pendingReview, .ready), (.pendingReview, .draft),
             (.ready, .sent), (.sent, .accepted), (.sent, .declined), (.accepted, .completed):
            true
        case (_, .withdrawn):
            Self.open.contains(self)
        default:
            false
        }
    }
}

/// A referral's plain columns (no personal data).
public struct Referral: Sendable, Equatable, Codable {
    public let id: String
    public let caseID: String
    public let centre: String
    public let agency: String
    public let service: String
    public let priority: Priority
    public let status: ReferralStatus
    public let rule: String
    public let review: Bool
    public let fields: [DisclosableField]
    public let consent: String?
    public let override: Bool
    public let due: String
    public let declineCode: String?
    public let createdOn: String
    public let createdBy: String

    init(row: Row) {
        id = row["id"]
        caseID = row["case_id"]
        centre = row["centre"]
        agency = row["agency_id"]
        service = row["service"]
        priority = Priority(rawValue: row["priority"]) ?? .normal
        status = row["status"]
        rule = row["rule_id"]
        review = row["review"]
        fields = (row["fields"] as String).split(separator: ",").compactMap { DisclosableField(rawValue: String($0)) }
        consent = row["consent_id"]
        override = row["override"]
        due = row["due"]
        declineCode = row["decline_code"]
        createdOn = row["created_on"]
        createdBy = row["created_by"]
    }

    /// Past its due time without an answer.
    public func isOverdue(now: Date = Now.clock.now()) -> Bool {
        guard ReferralStatus.unanswered.contains(status), let deadline = Timestamp.parse(due) else { return false }
        return deadline < now
    }

    static func fetch(_ db: Database, id: String) throws -> Referral {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM referrals WHERE id = ?", arguments: [id]) else {
            throw CaunoiError.referralNotFound(id)
        }
        return Referral(row: row)
    }
}

/// What a referral discloses: the fields its rule lists, and the safe-contact instruction.
public struct Disclosure: Sendable, Equatable {
    public let fields: [String: JSONValue]
    public let safeContact: String

    var json: JSONValue { .object(["disclosed": .object(fields), "safe_contact": .string(safeContact)]) }

    init(fields: [String: JSONValue], safeContact: String) {
        self.fields = fields
        self.safeContact = safeContact
    }

    init(json: JSONValue) throws {
        guard case .object(let fields)? = json["disclosed"], let contact = json["safe_contact"]?.string else {
            throw CaunoiError.integrityFailure(record: "referral disclosure")
        }
        self.init(fields: fields, safeContact: contact)
    }
}

/// UTC timestamps in ISO-8601 for due dates (emergencies are due within hours).
public enum Timestamp {
    /// UTC to the second, `YYYY-MM-DDTHH:MM:SSZ`, exactly as ISO8601DateFormatter writes it
    /// (TimestampTests compares them), without building a formatter per call: every audit
    /// entry needs one, and that was 8 % of a name search (issue 7 profile).
    public static func format(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : String(value) }
        let year = String(parts.tm_year + 1900)
        return "\(String(repeating: "0", count: max(0, 4 - year.count)))\(year)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
            + "T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
