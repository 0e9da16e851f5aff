import CaunoiCrypto
import Foundation
import GRDB

/// What `referral send` produced: a sealed packet, or what a printed letter shows (each face
/// renders it: `ReferralLetter` in Views).
public enum SentReferral: Sendable {
    case packet(String)
    case letter(LetterContent)
}

/// Everything a referral letter shows, as it was disclosed when the referral was sent.
public struct LetterContent: Sendable {
    public let referral: Referral
    public let agency: Agency
    public let centre: Centre
    public let disclosure: Disclosure
    /// Fingerprints of the centre's certified signing key and of the deployment root, so a
    /// partner can tell a real packet of this centre from a forgery.
    public let signing: String
    public let root: String
    /// The staff member who sent it, and the day (Vietnam's calendar): the letter's sender block.
    public let sentBy: String
    public let sentOn: String
}

extension CaseStore {
    /// Sends a ready referral: a signed packet sealed to the agency's key, or (with `letter`,
    /// or for an agency without a key) a printable letter. Both carry exactly the disclosure
    /// frozen at creation.
    public func sendReferral(_ session: Session, policy: Policy, id: String, letter: Bool) throws -> SentReferral {
        try withReferral(session, id) { db, referral, vault in
            try audit(db, session, letter ? "referral.send.letter" : "referral.send.packet", record: id, centre: referral.centre)
            let agency = try trustedAgency(db, session, policy: policy, id: referral.agency)
            guard referral.status.canBecome(.sent) else {
                throw CaunoiError.invalidReferralTransition(referral: id, from: referral.status.rawValue, to: ReferralStatus.sent.rawValue)
            }
            if !letter, agency.publicKey == nil { throw CaunoiError.agencyHasNoKey(agency.id) }
            // A referral that needs central review leaves only with a signed approval in the trail.
            let (trust, _) = try trusted(db, session)
            if try ReviewApproval.isRequired(referral, summary: CaseSummary.fetch(db, id: referral.caseID), agency: agency, policy: policy) {
                try ReviewApproval.requireSigned(db, trust: trust, referral: id, centre: referral.centre)
            }
            let blob = try Data.fetchOne(db, sql: "SELECT disclosed FROM referrals WHERE id = ?", arguments: [id]) ?? Data()
            let plain = try vault.open([UInt8](blob), table: "referrals", column: "disclosed", row: id)
            let disclosure = try Disclosure(json: Self.decode(plain.secret))
            let output: SentReferral
            let signer = try CentreSigning.keyPair(centreKey: session.currentCentreKey(referral.centre).key)
            if letter {
                output = .letter(LetterContent(referral: referral, agency: agency, centre: try centre(db, referral.centre),
                                               disclosure: disclosure, signing: SignedCertificate.fingerprint(signer.publicKey),
                                               root: SignedCertificate.fingerprint(session.trustRoot), sentBy: session.user,
                                               sentOn: Now.vietnamToday()))
            } else {
                let payload: [String: JSONValue] = [
                    "format": .string(ReferralPacket.format),
                    "referral": .string(referral.id),
                    "from_centre": .string(referral.centre),
                    "to_agency": .string(agency.id),
                    "priority": .string(referral.priority.rawValue),
                    "due": .string(referral.due),
                    "services": .array([.string(referral.service)]),
                    "disclosed": .object(disclosure.fields),
                    "safe_contact": .string(disclosure.safeContact),
                    "consent": try consentSummary(db, referral: referral, vault: vault),
                    "sent_by": .string(session.user),
                ]
                // Signed for the centre, with the chain a partner checks against the root it pinned.
                guard let (serial, certified) = try trust.current(.centre, referral.centre), certified.signPublic == signer.publicKey else {
                    throw CaunoiError.integrityFailure(record: "certificate of centre \(referral.centre)")
                }
                output = .packet(try ReferralPacket.seal(payload, signer: signer, chain: trust.chainToRoot(serial), to: agency.publicKey ?? []))
            }
            _ = try move(db, referral, to: .sent, by: session.user, kind: "sent", detail: letter ? "letter" : "packet")
            return output
        }
    }

    private func consentSummary(_ db: Database, referral: Referral, vault: PersonVault) throws -> JSONValue {
        guard let id = referral.consent, let consent = try loadConsents(db, caseID: referral.caseID, vault: vault).first(where: { $0.id == id }) else {
            return .object(["override": .bool(true)])
        }
        var summary: [String: JSONValue] = ["id": .string(consent.id), "given_on": .string(consent.givenOn), "purpose": .string(consent.purpose.rawValue)]
        if let agency = consent.agencyID { summary["agency"] = .string(agency) }
        if let kind = consent.agencyKind { summary["agency_kind"] = .string(kind.rawValue) }
        summary["fields"] = consent.fields.map { .array($0.map { .string($0.rawValue) }) } ?? .string("all")
        return .object(summary)
    }
}
