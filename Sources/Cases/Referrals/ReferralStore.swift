import CaunoiCrypto
import Foundation
import GRDB

/// What `referral create` asks for.
public struct ReferralRequest: Sendable {
    public var caseID: String
    public var agencyID: String
    public var service: String
    public var priority: Priority?
    public var note: PersonalText?
    /// A manager's reason to refer without recorded consent (audited; counsellors are refused).
    public var overrideConsent: PersonalText?

    public init(caseID: String, agencyID: String, service: String) {
        self.caseID = caseID
        self.agencyID = agencyID
        self.service = service
    }
}

/// How the receiving agency answered.
public enum AgencyAnswer: Sendable, Equatable {
    case accepted
    case declined(String)
    case completed
}

extension CaseStore {
    /// Creates a referral after checking the routing rule, the agency and her consent. The
    /// disclosed fields are frozen now: sealed for the centre and, when the rule requires
    /// review, to the central review key.
    public func createReferral(_ session: Session, policy: Policy, request: ReferralRequest) throws -> Referral {
        _ = try agency(session, policy: policy, id: request.agencyID)
        return try withCase(session, request.caseID) { db, summary, vault in
            // Kind and key as reviewed: the kind decides which consent covers her.
            let agency = try trustedAgency(db, session, policy: policy, id: request.agencyID)
            guard agency.services.contains(request.service) else { throw CaunoiError.agencyDoesNotOffer(agency: agency.id, service: request.service) }
            guard summary.status != .closed else {
                throw CaunoiError.invalidTransition(caseID: summary.id, from: summary.status.rawValue, to: "referral")
            }
            guard let rule = policy.routing.rules.first(where: {
                $0.service == request.service && $0.matches(summary) && ($0.agency == agency.id || $0.agencyKind == agency.kind)
            }) else { throw CaunoiError.noRoutingRule(service: request.service, agency: agency.id) }
            let consent = try loadConsents(db, caseID: summary.id, vault: vault).first { $0.covers(agency, fields: rule.fields) }
            if consent == nil {
                guard let reason = request.overrideConsent, !reason.isBlank else { throw CaunoiError.consentMissing }
                guard session.role == .manager else { throw CaunoiError.roleNotAllowed(role: session.role.rawValue) }
            }
            let disclosure = try currentDisclosure(db, summary, fields: rule.fields, service: request.service, vault: vault, session: session)
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM referrals WHERE case_id = ?", arguments: [summary.id]) ?? 0
            let id = "\(summary.id)-R\(count + 1)"
            let priority = request.priority ?? rule.priority
            let due = Timestamp.format(Now.clock.now().addingTimeInterval(TimeInterval((policy.routing.dueHours[priority] ?? 336) * 3600)))
            let review = rule.requiresReview(for: summary)
            let status: ReferralStatus = review ? .pendingReview : .ready
            try db.execute(sql: """
                INSERT INTO referrals (id, case_id, centre, agency_id, service, priority, status, rule_id, review, fields, consent_id,
                                       override, due, created_on, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, summary.id, summary.centre, agency.id, request.service, priority.rawValue, status, rule.id,
                                 review, rule.fields.map(\.rawValue).joined(separator: ","), consent?.id, consent == nil,
                                 due, Day.today(), session.user])
            try storeDisclosure(db, disclosure, referral: id, review: review, vault: vault, session: session)
            try recordReferralEvent(db, referral: id, kind: "created", by: session.user, from: nil, to: status,
                                    detail: consent == nil ? "consent-override" : consent?.id,
                                    reason: consent == nil ? request.overrideConsent : nil, vault: vault)
            try recordCoverNote(db, session, request.note, referral: id, review: review, vault: vault)
            try audit(db, session, consent == nil ? "referral.create.override" : "referral.create", record: id, centre: summary.centre)
            return try Referral.fetch(db, id: id)
        }
    }

    /// A draft (returned by review) goes back to review or straight to ready; consent is
    /// checked again, and what it discloses is built again from the case and her consent as
    /// they are now (the correction the officer asked for is what she then sees). The
    /// submission names the fields that changed since the return (names only).
    public func submitReferral(_ session: Session, policy: Policy, id: String, note: PersonalText? = nil) throws -> Referral {
        try withReferral(session, id) { db, referral, vault in
            let agency = try trustedAgency(db, session, policy: policy, id: referral.agency)
            let consents = try loadConsents(db, caseID: referral.caseID, vault: vault)
            guard referral.override || consents.contains(where: { $0.covers(agency, fields: referral.fields) }) else { throw CaunoiError.consentMissing }
            let summary = try CaseSummary.fetch(db, id: referral.caseID)
            guard let sealed = try Row.fetchOne(db, sql: "SELECT disclosed FROM referrals WHERE id = ?", arguments: [id])?.optionalBytes("disclosed") else {
                throw CaunoiError.subjectErased(summary.person)
            }
            let before = try Disclosure(json: Self.decode(vault.open(sealed, table: "referrals", column: "disclosed", row: id).secret))
            let now = try currentDisclosure(db, summary, fields: referral.fields, service: referral.service, vault: vault, session: session)
            try storeDisclosure(db, now, referral: id, review: referral.review, vault: vault, session: session)
            let changed = now.changedFields(since: before)
            try audit(db, session, "referral.submit", record: id, centre: referral.centre)
            let moved = try move(db, referral, to: referral.review ? .pendingReview : .ready, by: session.user, kind: "submitted",
                                 detail: changed.isEmpty ? "unchanged" : "changed: " + changed.joined(separator: ","))
            try recordCoverNote(db, session, note, referral: id, review: referral.review, vault: vault)
            return moved
        }
    }

    /// The counsellor's cover note: sealed under her data key for the centre and, when the
    /// referral is reviewed, to the central review key, so the officer reads it too.
    private func recordCoverNote(_ db: Database, _ session: Session, _ note: PersonalText?, referral id: String, review: Bool,
                                 vault: PersonVault) throws {
        guard let note, !note.isBlank else { return }
        let forCentral = review ? try SealedBox.seal(note.secret, to: trusted(db, session).0.deploymentKey(.central)) : nil
        try recordReferralEvent(db, referral: id, kind: "note", by: session.user, from: nil, to: nil, reason: note, vault: vault,
                                sealedReasons: forCentral.map { (nil, $0) })
    }

    /// Central officers: referrals waiting for review (and emergencies sent before it, marked),
    /// with exactly what would be disclosed, oldest first: by the day each went (back) to
    /// review, then by id.
    public func reviewQueue(_ session: Session) throws -> [ReferralView] {
        let central = try centralKeyPair(session)
        return try write { db in
            try audit(db, session, "referral.queue")
            // Waiting for review, and emergencies sent before review that wait for it after the fact.
            let views = try Row.fetchAll(db, sql: """
                SELECT * FROM referrals WHERE status = 'pending-review'
                   OR id IN (SELECT referral_id FROM referral_events WHERE kind = 'emergency-release')
                """).filter { row in
                let waiting = row["status"] == ReferralStatus.pendingReview.rawValue
                return try waiting || Self.awaitsLateReview(db, row["id"])
            }.map { row in try centralView(db, row: row, central: central) }
            return views.sorted {
                ($0.review?.waitingSince ?? $0.referral.createdOn, $0.referral.id) < ($1.review?.waitingSince ?? $1.referral.createdOn, $1.referral.id)
            }
        }
    }

    /// A central officer approves, with a note if she wants one (sealed, like a return's
    /// reason, for the centre's staff and central officers only).
    public func approveReferral(_ session: Session, id: String, note: PersonalText? = nil) throws -> Referral {
        _ = try centralKeyPair(session)
        return try write { db in
            let referral = try Referral.fetch(db, id: id)
            try audit(db, session, "referral.approve", record: id, centre: referral.centre)
            let sealed = try note.flatMap { $0.isBlank ? nil : try sealedForCentreAndCentral(db, session, $0, centre: referral.centre) }
            // A returned draft goes back through the centre's resubmission first.
            return try move(db, referral, to: .ready, by: session.user, kind: "approved", sealedReasons: sealed, onlyFrom: .pendingReview)
        }
    }

    /// A reviewer's words sealed twice: to the centre's box key and to the central review key,
    /// both public keys from their certificates (an edited column cannot redirect them).
    func sealedForCentreAndCentral(_ db: Database, _ session: Session, _ text: PersonalText, centre: String) throws -> ([UInt8]?, [UInt8]) {
        let (trust, _) = try trusted(db, session)
        return (try SealedBox.seal(text.secret, to: trust.centreBox(centre).key), try SealedBox.seal(text.secret, to: trust.deploymentKey(.central)))
    }

    /// Returns a referral to its centre with a reason only the centre's staff and central
    /// officers can read.
    public func returnReferral(_ session: Session, id: String, reason: PersonalText) throws -> Referral {
        guard !reason.isBlank else { throw CaunoiError.missing(.reason) }
        _ = try centralKeyPair(session)
        return try write { db in
            let referral = try Referral.fetch(db, id: id)
            try audit(db, session, "referral.return", record: id, centre: referral.centre)
            return try move(db, referral, to: .draft, by: session.user, kind: "returned",
                            sealedReasons: sealedForCentreAndCentral(db, session, reason, centre: referral.centre), onlyFrom: .pendingReview)
        }
    }

    /// The centre records the agency's answer.
    public func respondToReferral(_ session: Session, policy: Policy, id: String, answer: AgencyAnswer, note: PersonalText?) throws -> Referral {
        try withReferral(session, id) { db, referral, vault in
            try audit(db, session, "referral.respond", record: id, centre: referral.centre)
            switch answer {
            case .accepted:
                return try move(db, referral, to: .accepted, by: session.user, kind: "accepted", reason: note, vault: vault)
            case .completed:
                return try move(db, referral, to: .completed, by: session.user, kind: "completed", reason: note, vault: vault)
            case .declined(let code):
                _ = try policy.declineReasons.validate(code)
                let moved = try move(db, referral, to: .declined, by: session.user, kind: "declined", detail: code, reason: note, vault: vault)
                try db.execute(sql: "UPDATE referrals SET decline_code = ? WHERE id = ?", arguments: [code, id])
                return try Referral.fetch(db, id: moved.id)
            }
        }
    }

    public func withdrawReferral(_ session: Session, id: String, reason: PersonalText) throws -> Referral {
        guard !reason.isBlank else { throw CaunoiError.missing(.reason) }
        return try withReferral(session, id) { db, referral, vault in
            try audit(db, session, "referral.withdraw", record: id, centre: referral.centre)
            return try move(db, referral, to: .withdrawn, by: session.user, kind: "withdrawn", reason: reason, vault: vault)
        }
    }

    /// Staff see their centre's referrals; central officers those that needed review. `caseID`
    /// narrows the list to one case's referrals.
    public func referrals(_ session: Session, status: ReferralStatus?, overdue: Bool, caseID: String? = nil) throws -> [Referral] {
        let condition: String
        var arguments: [(any DatabaseValueConvertible)?] = []
        switch session.role {
        case .counsellor, .manager:
            condition = "centre = ?"
            arguments.append(session.centre ?? "")
        case .central:
            _ = try centralKeyPair(session)
            condition = "review = 1"
        default:
            throw CaunoiError.roleNotAllowed(role: session.role.rawValue)
        }
        var sql = "SELECT * FROM referrals WHERE \(condition)"
        if let status { sql += " AND status = ?"; arguments.append(status) }
        if let caseID { sql += " AND case_id = ?"; arguments.append(caseID) }
        let all = try write { db in
            try audit(db, session, "referral.list")
            return try Row.fetchAll(db, sql: sql + " ORDER BY due, id", arguments: StatementArguments(arguments)).map(Referral.init(row:))
        }
        return overdue ? all.filter { $0.isOverdue() } : all
    }

    /// A referral with its disclosure and history, for its centre's staff or (when reviewed)
    /// central officers; nobody else.
    public func showReferral(_ session: Session, id: String) throws -> ReferralView {
        try auditingRefusal(session, "referral.read", record: id) { try showReferralChecked(session, id: id) }
    }

    private func showReferralChecked(_ session: Session, id: String) throws -> ReferralView {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM referrals WHERE id = ?", arguments: [id]) else { throw CaunoiError.referralNotFound(id) }
            let referral = Referral(row: row)
            try audit(db, session, "referral.read", record: id, centre: referral.centre)
            switch session.role {
            case .counsellor, .manager:
                let summary = try CaseSummary.fetch(db, id: referral.caseID)
                return try staffReferralView(db, row: row, vault: personVault(db, id: summary.person, session: session), session: session)
            case .central:
                let central = try centralKeyPair(session)
                guard referral.review else { throw CaunoiError.roleNotAllowed(role: session.role.rawValue) }
                // An erased woman's review copy is gone on purpose: say so, not "altered".
                let person = try CaseSummary.fetch(db, id: referral.caseID).person
                if try Erasure.fetch(db, person: person) != nil { throw CaunoiError.subjectErased(person) }
                return try centralView(db, row: row, central: central)
            default:
                throw CaunoiError.roleNotAllowed(role: session.role.rawValue)
            }
        }
    }

    /// A referral row as central officers see it: the review copy of the disclosure, the
    /// history with the words sealed to them (return reasons, cover notes), and why it is reviewed.
    private func centralView(_ db: Database, row: Row, central: BoxKeyPair) throws -> ReferralView {
        let referral = Referral(row: row)
        let disclosure = try Self.openReviewBox(row.optionalBytes("review_box"), id: referral.id, central: central)
        let events = try loadReferralEvents(db, id: referral.id) { row in
            row.optionalBytes("reason_for_central").flatMap { try? PersonalText(secret: SealedBox.open($0, with: central)) }
        }
        return ReferralView(referral: referral, disclosure: disclosure, events: events, review: try reviewContext(db, referral, events: events))
    }

    /// A referral row opened with the woman's DEK and the centre's box key, as her centre's
    /// staff see it.
    func staffReferralView(_ db: Database, row: Row, vault: PersonVault, session: Session) throws -> ReferralView {
        let referral = Referral(row: row)
        guard let sealed = row.optionalBytes("disclosed") else { throw CaunoiError.subjectErased(vault.personID) }
        let plain = try vault.open(sealed, table: "referrals", column: "disclosed", row: referral.id)
        let disclosure = try Disclosure(json: Self.decode(plain.secret))
        let centreBox = try centreBoxKeyPair(session, centre: referral.centre)
        let events = try loadReferralEvents(db, id: referral.id) { row in
            if let blob = row.optionalBytes("reason") { return try vault.open(blob, table: "referral_events", column: "reason", row: row["id"]) }
            if let blob = row.optionalBytes("reason_for_centre"), let centreBox {
                return try? PersonalText(secret: SealedBox.open(blob, with: centreBox))
            }
            return nil
        }
        return ReferralView(referral: referral, disclosure: disclosure, events: events)
    }

    // MARK: - Shared steps

    /// Runs a step on a referral of the session's own centre, with the woman's DEK open.
    func withReferral<T>(_ session: Session, _ id: String, _ body: (Database, Referral, PersonVault) throws -> T) throws -> T {
        let caseID = try read { db in try Referral.fetch(db, id: id).caseID }
        return try withCase(session, caseID) { db, _, vault in try body(db, Referral.fetch(db, id: id), vault) }
    }

    /// Moves a referral along the lifecycle, refusing illegal transitions.
    /// `onlyFrom` narrows the legal sources for steps that mean something more specific than
    /// the transition itself (central review acts only on what waits for review).
    func move(
        _ db: Database, _ referral: Referral, to next: ReferralStatus, by user: String, kind: String, detail: String? = nil,
        reason: PersonalText? = nil, vault: PersonVault? = nil, sealedReasons: ([UInt8]?, [UInt8])? = nil,
        onlyFrom: ReferralStatus? = nil
    ) throws -> Referral {
        guard referral.status.canBecome(next), onlyFrom.map({ $0 == referral.status }) ?? true else {
            throw CaunoiError.invalidReferralTransition(referral: referral.id, from: referral.status.rawValue, to: next.rawValue)
        }
        try db.execute(sql: "UPDATE referrals SET status = ? WHERE id = ?", arguments: [next, referral.id])
        try recordReferralEvent(db, referral: referral.id, kind: kind, by: user, from: referral.status, to: next, detail: detail,
                                reason: reason, vault: vault, sealedReasons: sealedReasons)
        return try Referral.fetch(db, id: referral.id)
    }

    func recordReferralEvent(
        _ db: Database, referral: String, kind: String, by user: String, from: ReferralStatus?, to: ReferralStatus?,
        detail: String? = nil, reason: PersonalText? = nil, vault: PersonVault? = nil, sealedReasons: ([UInt8]?, [UInt8])? = nil
    ) throws {
        let id = Ids.random(prefix: "E")
        let sealed = try reason.flatMap { $0.isBlank ? nil : try vault?.seal($0, table: "referral_events", column: "reason", row: id) }
        try db.execute(sql: """
            INSERT INTO referral_events (id, referral_id, on_day, by_user, kind, from_status, to_status, detail, reason,
                                         reason_for_centre, reason_for_central)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, referral, Day.today(), user, kind, from, to, detail, sealed,
                             sealedReasons?.0?.blob, sealedReasons?.1.blob])
    }

    func loadReferralEvents(_ db: Database, id: String, reason: (Row) throws -> PersonalText?) throws -> [ReferralEventView] {
        try Row.fetchAll(db, sql: "SELECT * FROM referral_events WHERE referral_id = ? ORDER BY rowid", arguments: [id]).map { row in
            ReferralEventView(on: row["on_day"], by: row["by_user"], kind: row["kind"], from: row["from_status"], to: row["to_status"],
                              detail: row["detail"], reason: try reason(row))
        }
    }

    /// The central review key pair, refused without the central key.
    func centralKeyPair(_ session: Session) throws -> BoxKeyPair {
        try session.require(.central)
        guard let secret = session.key(.centralReview) else { throw CaunoiError.keysMissing }
        return try BoxKeyPair(secretKey: secret)
    }

    /// A centre's X25519 pair, derived from its current centre key (so anyone with the centre
    /// key can open what was sealed to the centre).
    func centreBoxKeyPair(_ session: Session, centre: String) throws -> BoxKeyPair? {
        guard centre == session.centre, let key = try? session.currentCentreKey(centre).key else { return nil }
        return try BoxKeyPair(secretKey: KeyDerivation.subkey(of: key, label: "centre.box"))
    }

    static func openReviewBox(_ blob: [UInt8]?, id: String, central: BoxKeyPair) throws -> Disclosure {
        guard let blob else { throw CaunoiError.integrityFailure(record: "\(id) (referrals.review_box)") }
        do {
            return try Disclosure(json: decode(SealedBox.open(blob, with: central)))
        } catch {
            throw CaunoiError.integrityFailure(record: "\(id) (referrals.review_box)")
        }
    }

    static func decode(_ bytes: SecureBytes) throws -> JSONValue {
        do { return try JSONDecoder().decode(JSONValue.self, from: Data(bytes.bytes)) } catch {
            throw CaunoiError.integrityFailure(record: "referral disclosure")
        }
    }
}

/// A referral as shown to its centre or to central review (with why it is reviewed).
public struct ReferralView: Sendable {
    public let referral: Referral
    public let disclosure: Disclosure
    public let events: [ReferralEventView]
    /// For central officers: why review, who submitted, since when, what changed.
    public var review: ReviewContext?
}

/// A referral's history step: the same shape as a case's.
public typealias ReferralEventView = EventView
