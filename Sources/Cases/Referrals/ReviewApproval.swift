import CaunoiCrypto
import Foundation
import GRDB

/// Whether a referral that needs central review was approved by a central officer, read from
/// the signed trail rather than from `referrals.status` or `referrals.review` (plain columns a
/// file editor could set to "ready" and "no review"). Checked before anything is sent.
enum ReviewApproval {
    /// Review is needed when the referral says so, or when the routing rule it names (which must
    /// still exist and match her case and the agency) requires it for her case as it is now.
    static func isRequired(_ referral: Referral, summary: CaseSummary, agency: Agency, policy: Policy) throws -> Bool {
        guard let rule = policy.routing.rules.first(where: { $0.id == referral.rule }),
              rule.service == referral.service, rule.agency == agency.id || rule.agencyKind == agency.kind else {
            throw CaunoiError.integrityFailure(record: "\(referral.id) (referrals.rule_id)")
        }
        return referral.review || rule.requiresReview(for: summary)
    }

    /// Throws naming the referral unless the trail holds, hashed from its own fields and
    /// signed, either a `referral.approve` entry by a key certified for a central officer, or a
    /// `referral.emergency` entry by a key certified for a manager of the referral's centre (an
    /// emergency sent before review, reviewed after the fact).
    static func requireSigned(_ db: Database, trust: TrustChain, referral: String, centre: String) throws {
        let failure = CaunoiError.integrityFailure(record: "\(referral) (review)")
        let rows = try Row.fetchAll(db, sql: """
            SELECT * FROM audit_log WHERE record = ? AND action IN ('referral.approve', 'referral.emergency') ORDER BY seq DESC
            """, arguments: [referral])
        for row in rows {
            let entry = AuditEntry(seq: row["seq"], at: row["at"], user: row["user"], action: row["action"], record: row["record"],
                                   centre: row["centre"], state: row.optionalBytes("state"))
            guard let signer = row.optionalBytes("signer"), let signature = row.optionalBytes("signature"),
                  let hash = try? BLAKE2b.hash(entry.message(previous: row.bytes("prev")), key: nil, outputByteCount: 32),
                  hash == row.bytes("hash"), Ed25519.isValid(signature: signature, for: hash, publicKey: signer) else { continue }
            let certified = try trust.userCertificates(entry.user).contains { certificate in
                guard certificate.signPublic == signer else { return false }
                return entry.action == "referral.approve" ? certificate.role == .central
                    : certificate.role == .manager && certificate.centre == centre
            }
            if certified { return }
        }
        throw failure
    }
}
