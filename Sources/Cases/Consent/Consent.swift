import GRDB

/// What a woman consents to (REFERRALS.md, PRODUCT.md referral practice).
public enum ConsentPurpose: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    case services, referral, statistics, contact
}

/// A recorded consent. For referrals it names one agency or one kind of agency, and the
/// fields she agreed may be disclosed (nil: every disclosable field).
public struct Consent: Sendable {
    public let id: String
    public let caseID: String
    public let purpose: ConsentPurpose
    public let agencyID: String?
    public let agencyKind: AgencyKind?
    public let fields: [DisclosableField]?
    public let note: PersonalText?
    public let givenOn: String
    public let givenBy: String
    public let withdrawnOn: String?

    public var isActive: Bool { withdrawnOn == nil }

    /// True when this consent lets `fields` go to `agency`.
    func covers(_ agency: Agency, fields wanted: [DisclosableField]) -> Bool {
        guard isActive, purpose == .referral else { return false }
        guard agencyID == agency.id || agencyKind == agency.kind else { return false }
        return fields.map { Set($0).isSuperset(of: wanted) } ?? true
    }
}

extension CaseStore {
    /// Records a consent for a case of the acting user's centre.
    public func giveConsent(
        _ session: Session, policy: Policy, caseID: String, purpose: ConsentPurpose, agencyID: String?, agencyKind: AgencyKind?,
        fields: [DisclosableField]?, note: PersonalText?
    ) throws -> Consent {
        if agencyID != nil, agencyKind != nil { throw CaunoiError.conflicting(.agency, .agencyKind) }
        if purpose == .referral, agencyID == nil, agencyKind == nil { throw CaunoiError.missing(.agency) }
        if let agencyID { _ = try agency(session, policy: policy, id: agencyID) }
        return try withCase(session, caseID, action: "consent.give") { db, summary, vault in
            let id = Ids.random(prefix: "C")
            let sealedNote = try note.flatMap { $0.isBlank ? nil : try vault.seal($0, table: "consents", column: "note", row: id) }
            try db.execute(sql: """
                INSERT INTO consents (id, case_id, purpose, agency_id, agency_kind, fields, note, given_on, given_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, caseID, purpose, agencyID, agencyKind, fields.map { $0.map(\.rawValue).joined(separator: ",") },
                                 sealedNote, Day.today(), session.user])
            return Consent(id: id, caseID: caseID, purpose: purpose, agencyID: agencyID, agencyKind: agencyKind, fields: fields,
                           note: note, givenOn: Day.today(), givenBy: session.user, withdrawnOn: nil)
        }
    }

    /// Withdraws matching active consents (same purpose, and the same agency or kind when
    /// given) and every open referral that relied on them. Returns the referrals withdrawn.
    public func withdrawConsent(
        _ session: Session, caseID: String, purpose: ConsentPurpose, agencyID: String?, agencyKind: AgencyKind?
    ) throws -> (consents: [String], referrals: [String]) {
        try withCase(session, caseID, action: "consent.withdraw") { db, summary, _ in
            var conditions = ["case_id = ?", "purpose = ?", "withdrawn_on IS NULL"]
            var arguments: [(any DatabaseValueConvertible)?] = [caseID, purpose]
            if let agencyID { conditions.append("agency_id = ?"); arguments.append(agencyID) }
            if let agencyKind { conditions.append("agency_kind = ?"); arguments.append(agencyKind) }
            let ids = try String.fetchAll(db, sql: "SELECT id FROM consents WHERE \(conditions.joined(separator: " AND "))",
                                          arguments: StatementArguments(arguments))
            var referrals: [String] = []
            for id in ids {
                try db.execute(sql: "UPDATE consents SET withdrawn_on = ?, withdrawn_by = ? WHERE id = ?", arguments: [Day.today(), session.user, id])
                let open = try Row.fetchAll(db, sql: """
                    SELECT id, status FROM referrals WHERE consent_id = ? AND status IN (\(ReferralStatus.open.map { "'\($0.rawValue)'" }.joined(separator: ", ")))
                    """, arguments: [id])
                for row in open {
                    let referral: String = row["id"]
                    try db.execute(sql: "UPDATE referrals SET status = 'withdrawn' WHERE id = ?", arguments: [referral])
                    try recordReferralEvent(db, referral: referral, kind: "withdrawn", by: session.user,
                                            from: ReferralStatus(rawValue: row["status"]), to: .withdrawn, detail: "consent-withdrawn")
                    referrals.append(referral)
                }
            }
            return (ids, referrals)
        }
    }

    public func consents(_ session: Session, caseID: String) throws -> [Consent] {
        try withCase(session, caseID) { db, summary, vault in
            try audit(db, session, "consent.read", record: caseID, centre: summary.centre)
            return try loadConsents(db, caseID: caseID, vault: vault)
        }
    }

    /// A case's consents; without a vault (her data erased) their notes are not opened.
    func loadConsents(_ db: Database, caseID: String, vault: PersonVault?) throws -> [Consent] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM consents WHERE case_id = ? ORDER BY rowid"), arguments: [caseID]).map { row in
            let id: String = row["id"]
            return Consent(
                id: id, caseID: caseID, purpose: row["purpose"], agencyID: row["agency_id"],
                agencyKind: (row["agency_kind"] as String?).flatMap(AgencyKind.init(rawValue:)),
                fields: (row["fields"] as String?).map { $0.split(separator: ",").compactMap { DisclosableField(rawValue: String($0)) } },
                note: try vault?.openIfPresent(row.optionalBytes("note"), table: "consents", column: "note", row: id),
                givenOn: row["given_on"], givenBy: row["given_by"], withdrawnOn: row["withdrawn_on"])
        }
    }
}
