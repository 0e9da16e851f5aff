import CaunoiCrypto
import GRDB

extension CaseStore {
    /// An emergency cannot wait in the review queue (a 24-hour shelter place): a manager of
    /// the referral's centre releases an emergency referral waiting for review, saying why
    /// (sealed for the centre and for central officers), and it may be sent at once. Her
    /// signed audit entry stands in for the officer's approval when it is sent; the review then
    /// happens after the fact: it stays in the central queue, marked so, until an officer
    /// records it (`reviewAfterTheFact`). Only emergencies, only while waiting for review.
    @discardableResult
    public func releaseForEmergency(_ session: Session, id: String, reason: PersonalText) throws -> Referral {
        try session.require(.manager)
        guard !reason.isBlank else { throw CaunoiError.missing(.reason) }
        return try withReferral(session, id) { db, referral, vault in
            guard referral.priority == .emergency, referral.status == .pendingReview else {
                throw CaunoiError.invalidReferralTransition(referral: id, from: referral.status.rawValue, to: "emergency-release")
            }
            let forCentral = try SealedBox.seal(reason.secret, to: trusted(db, session).0.deploymentKey(.central))
            try audit(db, session, "referral.emergency", record: id, centre: referral.centre)
            return try move(db, referral, to: .ready, by: session.user, kind: "emergency-release", reason: reason, vault: vault,
                            sealedReasons: (nil, forCentral))
        }
    }

    /// A central officer records the review of an emergency sent before review, with a note
    /// for the centre if she has one (sealed like a return's reason). It then leaves the queue.
    @discardableResult
    public func reviewAfterTheFact(_ session: Session, id: String, note: PersonalText?) throws -> Referral {
        _ = try centralKeyPair(session)
        return try write { db in
            let referral = try Referral.fetch(db, id: id)
            guard try Self.awaitsLateReview(db, id) else {
                throw CaunoiError.invalidReferralTransition(referral: id, from: referral.status.rawValue, to: "reviewed-after")
            }
            let sealed = try note.flatMap { $0.isBlank ? nil : try sealedForCentreAndCentral(db, session, $0, centre: referral.centre) }
            try audit(db, session, "referral.review-after", record: id, centre: referral.centre)
            try recordReferralEvent(db, referral: id, kind: "reviewed-after", by: session.user, from: nil, to: nil, sealedReasons: sealed)
            return referral
        }
    }

    /// Released in an emergency and not yet reviewed after the fact.
    static func awaitsLateReview(_ db: Database, _ id: String) throws -> Bool {
        let kinds = try String.fetchAll(db, sql: """
            SELECT kind FROM referral_events WHERE referral_id = ? AND kind IN ('emergency-release', 'reviewed-after') ORDER BY rowid
            """, arguments: [id])
        return kinds.last == "emergency-release"
    }
}
