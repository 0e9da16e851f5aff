import CaunoiCrypto
import GRDB

extension Disclosure {
    /// The fields (and the safe-contact instruction, as `safe_contact`) whose values differ
    /// between two disclosures, in name order: what a central officer is told changed on a
    /// resubmission. Names only, never values.
    public func changedFields(since earlier: Disclosure) -> [String] {
        var changed = Set(fields.keys).union(earlier.fields.keys).filter { fields[$0] != earlier.fields[$0] }
        if safeContact != earlier.safeContact { changed.insert("safe_contact") }
        return changed.sorted()
    }
}

extension CaseStore {
    /// What a referral discloses, built from the case as it is now: her person fields, the
    /// safe-contact instruction, and the children the referred need concerns, limited to the
    /// rule's fields.
    func currentDisclosure(_ db: Database, _ summary: CaseSummary, fields: [DisclosableField], service: String, vault: PersonVault,
                           session: Session) throws -> Disclosure {
        let (_, person, _) = try openPerson(db, id: summary.person, session: session)
        let safeContact = try vault.openIfPresent(
            Row.fetchOne(db, sql: "SELECT safe_contact FROM cases WHERE id = ?", arguments: [summary.id])?.optionalBytes("safe_contact"),
            table: "cases", column: "safe_contact", row: summary.id)
        let children = try loadChildren(db, caseID: summary.id, vault: vault).filter { $0.needs.contains(service) }
        return DisclosureBuilder.build(fields: fields, person: person, summary: summary, safeContact: safeContact, children: children)
    }

    /// Seals a disclosure for the centre (under her data key) and, when the referral is
    /// reviewed, to the central review key; stores both.
    func storeDisclosure(_ db: Database, _ disclosure: Disclosure, referral id: String, review: Bool, vault: PersonVault,
                         session: Session) throws {
        let plain = SecureBytes(utf8: disclosure.json.canonical)
        let sealed = try vault.seal(PersonalText(secret: plain), table: "referrals", column: "disclosed", row: id)
        let reviewBox = review ? try SealedBox.seal(plain, to: trusted(db, session).0.deploymentKey(.central)) : nil
        try db.execute(sql: "UPDATE referrals SET disclosed = ?, review_box = ? WHERE id = ?", arguments: [sealed, reviewBox?.blob, id])
    }
}
