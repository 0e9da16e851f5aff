import GRDB

extension CaseStore {
    /// A counsellor's request to close a case that needs a manager's approval, with the
    /// outcome she proposes and a sealed reason. It raises a follow-up for the centre's
    /// managers; a new request replaces one still waiting.
    public func requestClosure(_ session: Session, policy: Policy, caseID: String, outcome: String, reason: PersonalText) throws {
        let outcome = try closingOutcome(policy, outcome)
        guard !reason.isBlank else { throw CaunoiError.missing(.reason) }
        try withCase(session, caseID, action: "case.close-request") { db, summary, vault in
            guard summary.status.canBecome(.closed) else {
                throw CaunoiError.invalidTransition(caseID: caseID, from: summary.status.rawValue, to: CaseStatus.closed.rawValue)
            }
            try db.execute(sql: "UPDATE cases SET closure_request = ?, updated_on = ? WHERE id = ?", arguments: [outcome, Day.today(), caseID])
            try recordEvent(db, caseID: caseID, kind: "closure-requested", by: session.user, from: nil, to: nil,
                            detail: outcome, reason: reason, vault: vault)
        }
    }

    /// A manager declines a closure request, saying why; the case stays as it was.
    public func declineClosure(_ session: Session, caseID: String, reason: PersonalText) throws {
        try session.require(.manager)
        guard !reason.isBlank else { throw CaunoiError.missing(.reason) }
        try withCase(session, caseID, action: "case.close-decline") { db, summary, vault in
            guard let requested = summary.closureRequest else { throw CaunoiError.noClosureRequest(caseID: caseID) }
            try db.execute(sql: "UPDATE cases SET closure_request = NULL, updated_on = ? WHERE id = ?", arguments: [Day.today(), caseID])
            try recordEvent(db, caseID: caseID, kind: "closure-declined", by: session.user, from: nil, to: nil,
                            detail: requested, reason: reason, vault: vault)
        }
    }

    /// Whether closing needs a manager: the case is at high risk, or a referral of it is
    /// still open (an agency may be acting on it, or it is still to be sent).
    func closureNeedsApproval(_ db: Database, _ summary: CaseSummary) throws -> Bool {
        if summary.risk == .high { return true }
        let open = ReferralStatus.open.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try Bool.fetchOne(db, sql: "SELECT 1 FROM referrals WHERE case_id = ? AND status IN (\(open)) LIMIT 1",
                                 arguments: [summary.id]) != nil
    }

    /// How this user may close the case now, for a face to offer the right form: close it,
    /// ask a manager, or (a manager, when approval is needed) approve with a reason; and
    /// whether she may decline a request waiting.
    public func closureOptions(_ session: Session, caseID: String) throws -> ClosureOptions {
        try session.require(.counsellor, .manager)
        return try read { db in
            let summary = try CaseSummary.fetch(db, id: caseID)
            guard summary.centre == session.centre else { throw CaunoiError.notYourCentre }
            let decides = session.role == .manager
            let step: ClosureStep = try closureNeedsApproval(db, summary) ? (decides ? .approve : .requestApproval) : .close
            return ClosureOptions(step: step, mayDecline: decides && summary.closureRequest != nil)
        }
    }

    /// The outcomes a person may close a case with, in the policy's order: every one but the
    /// one erasure sets (for a face's choice list).
    public func closingOutcomes(_ policy: Policy) -> [CodeEntry] { policy.outcomes.entries.filter { $0.code != Shredder.outcome } }

    /// An outcome a person may choose: in the policy's list, and not the one erasure sets.
    func closingOutcome(_ policy: Policy, _ outcome: String) throws -> String {
        let outcome = try policy.outcomes.validate(outcome)
        // Reserved for erasure: a case closed this way would claim her data is gone.
        guard outcome != Shredder.outcome else { throw CaunoiError.invalid(.outcome) }
        return outcome
    }
}

/// What closing a case takes for one user (`closureOptions`).
public enum ClosureStep: Sendable, Equatable {
    /// Close it; a reason is optional.
    case close
    /// Ask a manager to approve (`requestClosure`).
    case requestApproval
    /// Approve and close, with a reason (a manager, when approval is needed).
    case approve
}

public struct ClosureOptions: Sendable, Equatable {
    public let step: ClosureStep
    /// A closure request waits and this user may decline it.
    public let mayDecline: Bool

    public init(step: ClosureStep, mayDecline: Bool) {
        (self.step, self.mayDecline) = (step, mayDecline)
    }
}
