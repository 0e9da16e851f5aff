import Foundation

/// `policy/casework.yaml`: how late a contact may be written down, and the follow-up rules.
public struct CaseworkSettings: Sendable, Equatable {
    /// A contact may be recorded at most this many days after it happened (0...90).
    public let backdateDays: Int
    /// The longest contact one entry records, in minutes (1...1440).
    public let longestMinutes: Int
    /// Days without contact after which a high-risk case raises a follow-up; 0 is off.
    public let highRiskWithoutContactDays: Int
    /// Whether an unanswered referral past its due time raises a follow-up.
    public let referralPastDue: Bool
    /// The largest attachment, in bytes (1 to 50 MiB).
    public let attachmentMaxBytes: Int
    /// Days before a planned shelter stay ends that a follow-up is raised; 0 is off.
    public let shelterStayEndingDays: Int

    public init(backdateDays: Int, longestMinutes: Int, highRiskWithoutContactDays: Int, referralPastDue: Bool,
                attachmentMaxBytes: Int = 10 << 20, shelterStayEndingDays: Int = 3) {
        (self.backdateDays, self.longestMinutes) = (backdateDays, longestMinutes)
        (self.highRiskWithoutContactDays, self.referralPastDue) = (highRiskWithoutContactDays, referralPastDue)
        self.attachmentMaxBytes = attachmentMaxBytes
        self.shelterStayEndingDays = shelterStayEndingDays
    }

    static let file = "casework.yaml"

    static func read(_ directory: URL) -> (CaseworkSettings?, [PolicyProblem]) {
        var reader = YAMLReader(file: file)
        guard let root = reader.root(in: directory) else { return (nil, reader.problems) }
        guard let contacts = root.mapping?["contacts"], let followUps = root.mapping?["follow_ups"],
              let attachments = root.mapping?["attachments"] else {
            reader.problem("`contacts`, `follow_ups` and `attachments` are all required", at: root)
            return (nil, reader.problems)
        }
        let backdate = reader.int("backdate_days", in: contacts)
        let longest = reader.int("longest_minutes", in: contacts)
        let highRisk = reader.int("high_risk_without_contact_days", in: followUps)
        let shelter = reader.int("shelter_stay_ending_days", in: followUps)
        if let shelter, !(0...30).contains(shelter) { reader.problem("shelter_stay_ending_days must be between 0 (off) and 30", at: followUps) }
        if let backdate, !(0...90).contains(backdate) { reader.problem("backdate_days must be between 0 and 90", at: contacts) }
        if let longest, !(1...1440).contains(longest) { reader.problem("longest_minutes must be between 1 and 1440", at: contacts) }
        if let highRisk, !(0...365).contains(highRisk) {
            reader.problem("high_risk_without_contact_days must be between 0 (off) and 365", at: followUps)
        }
        let megabytes = reader.int("max_megabytes", in: attachments)
        if let megabytes, !(1...50).contains(megabytes) { reader.problem("max_megabytes must be between 1 and 50", at: attachments) }
        var pastDue: Bool?
        if let value = followUps.mapping?["referral_past_due"] {
            pastDue = value.bool
            if pastDue == nil { reader.problem("`referral_past_due` must be true or false", at: value) }
        } else {
            reader.problem("missing `referral_past_due`", at: followUps)
        }
        guard reader.problems.isEmpty, let backdate, let longest, let highRisk, let pastDue, let megabytes, let shelter else {
            return (nil, reader.problems)
        }
        return (CaseworkSettings(backdateDays: backdate, longestMinutes: longest, highRiskWithoutContactDays: highRisk,
                                 referralPastDue: pastDue, attachmentMaxBytes: megabytes << 20, shelterStayEndingDays: shelter), [])
    }
}
