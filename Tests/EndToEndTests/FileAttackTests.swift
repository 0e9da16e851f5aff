import CaunoiCrypto
import Foundation
import GRDB
import Testing

/// Acceptance of issue 12: someone who can edit the database file, with no passphrase, gets a
/// refusal (65 naming the record or key, or 77), never a key and never a silently wrong
/// answer. Each attack runs on its own copy of one deployment; the output keeps the count of
/// attacks tried and held.
@Suite("File attacks")
struct FileAttackTests {
    static let central = Staff(name: "trunguong", passphrase: "trunguong-central-pass")

    /// One attack: what the attacker does to the file, and what staff then do.
    struct Attack: Sendable {
        let name: String
        let run: @Sendable (Deployment, FileAttacker, _ pendingReferral: String) async throws -> [Check]
    }

    /// A condition that must hold after the attack, with what it means.
    struct Check {
        let holds: Bool
        let what: String
    }

    /// 65 (or 77) on one error line, naming `record` when given. (Staff here type names on the
    /// command line, so the warning about argv may stand before it.)
    static func refused(_ result: CLIResult, _ codes: Set<Int32> = [65], naming record: String? = nil) -> Check {
        let named = record.map { result.stderr.contains($0) } ?? true
        let errors = result.stderrLines.filter { $0.hasPrefix("caunoi: ") }
        return Check(holds: codes.contains(result.status) && errors.count == 1 && named,
                     what: "\(result.label) refused with \(codes.sorted())\(record.map { " naming \($0)" } ?? ""): \(result.stderr)")
    }

    static let attacks: [Attack] = [
        Attack(name: "meta.recovery_public replaced; an admin adds a centre") { d, a, _ in
            try a.edit { db in try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'recovery_public'", arguments: [Data(a.box.publicKey)]) }
            let result = try await d.run(["centre", "add", "HP-OSSO", "--name", "OSSO thử", "--province", "31", "--kind", "osso"], as: .admin)
            return [refused(result, naming: "meta.recovery_public"), Check(holds: try !a.opensAny("recovery_wraps", "wrapped"), what: "no wrap opens with her key")]
        },
        Attack(name: "meta.recovery_public replaced; an admin makes a backup (the whole database sealed to that key)") { d, a, _ in
            try a.edit { db in try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'recovery_public'", arguments: [Data(a.box.publicKey)]) }
            let out = d.directory.appendingPathComponent("copy.backup").path
            let result = try await d.run(["backup", "create", "--out", out], as: .admin)
            return [refused(result, naming: "meta.recovery_public"), Check(holds: !FileManager.default.fileExists(atPath: out), what: "no backup written")]
        },
        Attack(name: "meta.recovery_public replaced; a manager rotates her centre key") { d, a, _ in
            try a.edit { db in try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'recovery_public'", arguments: [Data(a.box.publicKey)]) }
            let result = try await d.run(["keys", "rotate", "--centre", Deployment.centre], as: .manager)
            return [refused(result, naming: "meta.recovery_public"), Check(holds: try !a.opensAny("recovery_wraps", "wrapped"), what: "no wrap opens with her key")]
        },
        Attack(name: "a counsellor's users.box_public replaced; her manager grants her keys") { d, a, _ in
            try a.edit { db in try db.execute(sql: "UPDATE users SET box_public = ? WHERE name = ?", arguments: [Data(a.box.publicKey), Staff.counsellor.name]) }
            let result = try await d.run(["user", "grant", Staff.counsellor.name], as: .manager)
            return [refused(result, naming: "user \(Staff.counsellor.name) (users.box_public)"),
                    Check(holds: try !a.opensAny("key_grants", "sealed"), what: "no grant opens with her key")]
        },
        Attack(name: "a counsellor's users.box_public replaced; her manager rotates the centre key") { d, a, _ in
            try a.edit { db in try db.execute(sql: "UPDATE users SET box_public = ? WHERE name = ?", arguments: [Data(a.box.publicKey), Staff.counsellor.name]) }
            let result = try await d.run(["keys", "rotate", "--centre", Deployment.centre], as: .manager)
            return [refused(result, naming: "user \(Staff.counsellor.name) (users.box_public)"),
                    Check(holds: try !a.opensAny("key_grants", "sealed"), what: "no grant opens with her key")]
        },
        Attack(name: "meta.central_public replaced; a referral needing central review is created") { d, a, _ in
            try a.edit { db in try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'central_public'", arguments: [Data(a.box.publicKey)]) }
            let c = try await ReferralFlowTests.openReferralCase(d)
            try await d.ok(["consent", "give", c.id, "--purpose", "referral", "--agency", "kr-kocun"], as: .counsellor)
            let result = try await d.run(["referral", "create", c.id, "--agency", "kr-kocun", "--service", "divorce-recognition"], as: .counsellor)
            return [refused(result, naming: "meta.central_public"), Check(holds: try !a.opensAny("referrals", "review_box"), what: "no review copy opens with her key")]
        },
        Attack(name: "centres.box_public replaced; a central officer returns a referral with a reason") { d, a, referral in
            try a.edit { db in try db.execute(sql: "UPDATE centres SET box_public = ? WHERE code = ?", arguments: [Data(a.box.publicKey), Deployment.centre]) }
            let result = try await d.run(["referral", "return", referral, "--reason", "Thiếu số hộ chiếu"], as: FileAttackTests.central)
            return [refused(result, naming: "centre \(Deployment.centre) (centres.box_public)"),
                    Check(holds: try !a.opensAny("referral_events", "reason_for_centre"), what: "no reason opens with her key")]
        },
        Attack(name: "a key_grants row inserted: her own centre key, sealed to the counsellor") { d, a, _ in
            try a.insertGrant(of: "centre.\(Deployment.centre).v1", to: Staff.counsellor.name)
            let opened = try await d.run(["case", "open", "--programme", "returnee", "--name", Invented.hoa, "--json"], as: .counsellor)
            let audited = try a.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE action = 'grant.rejected'") ?? 0 }
            return [Check(holds: opened.status == 0 && opened.stderr.contains("#"), what: "the grant is skipped and reported: \(opened.stderr)"),
                    Check(holds: audited == 1, what: "the rejected grant is audited"),
                    Check(holds: try !a.opensAnyDEK(), what: "no woman's data key is wrapped under her key")]
        },
        Attack(name: "a well-formed grant statement signed with her own key in the manager's name") { d, a, _ in
            try a.insertGrant(of: "centre.\(Deployment.centre).v1", to: Staff.counsellor.name, signedAs: Staff.manager.name)
            let opened = try await d.run(["case", "open", "--programme", "returnee", "--name", Invented.hoa, "--json"], as: .counsellor)
            return [Check(holds: opened.status == 0 && opened.stderr.contains("#"), what: "the grant is skipped and reported: \(opened.stderr)"),
                    Check(holds: try !a.opensAnyDEK(), what: "no woman's data key is wrapped under her key")]
        },
        Attack(name: "a newer centre-key version granted and centres.key_version raised to match") { d, a, _ in
            try a.insertGrant(of: "centre.\(Deployment.centre).v2", to: Staff.counsellor.name)
            try a.edit { db in try db.execute(sql: "UPDATE centres SET key_version = 2 WHERE code = ?", arguments: [Deployment.centre]) }
            let opened = try await d.run(["case", "open", "--programme", "returnee", "--name", Invented.hoa], as: .counsellor)
            return [refused(opened, naming: "centre \(Deployment.centre) (centres.key_version)"),
                    Check(holds: try !a.opensAnyDEK(), what: "no woman's data key is wrapped under her key")]
        },
        Attack(name: "centres.key_version lowered after a rotation (back to a key a removed user kept)") { d, a, _ in
            try await d.ok(["keys", "rotate", "--centre", Deployment.centre], as: .manager)
            try a.edit { db in try db.execute(sql: "UPDATE centres SET key_version = 1 WHERE code = ?", arguments: [Deployment.centre]) }
            let opened = try await d.run(["case", "open", "--programme", "returnee", "--name", Invented.hoa], as: .manager)
            let older = try a.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM persons WHERE centre = ? AND centre_key_version = 1", arguments: [Deployment.centre]) ?? 0
            }
            return [refused(opened, naming: "centre \(Deployment.centre) (centres.key_version)"), Check(holds: older == 0, what: "nobody is wrapped under version 1 again")]
        },
        Attack(name: "a keyless statistician's users.role set to manager; she tries to erase a woman") { d, a, _ in
            let c = try await d.openCase(["--name", Invented.hoa])
            try a.edit { db in
                try db.execute(sql: "UPDATE users SET role = 'manager', centre = ? WHERE name = ?", arguments: [Deployment.centre, Staff.statistician.name])
            }
            let erased = try await d.run(["subject", "erase", c.person, "--confirm", c.person], as: .statistician)
            let still = try await d.show(c.id)
            return [refused(erased, naming: "user \(Staff.statistician.name)"),
                    Check(holds: (still["person"] as? [String: Any])?["name"] as? String == Invented.hoa, what: "she is not erased")]
        },
        Attack(name: "a certificate signed with her own key makes the statistician a manager") { d, a, _ in
            let c = try await d.openCase(["--name", Invented.hoa])
            var (_, body) = try a.certificate(kind: "user", subject: Staff.statistician.name)
            body["role"] = "manager"
            body["centre"] = Deployment.centre
            body["issuer"] = Staff.admin.name
            let serial = try a.insertCertificate(body, kind: "user", subject: Staff.statistician.name, issuer: Staff.admin.name)
            let erased = try await d.run(["subject", "erase", c.person, "--confirm", c.person], as: .statistician)
            return [refused(erased, naming: serial)]
        },
        Attack(name: "a certificate claiming the deployment root, signed with her own key") { d, a, _ in
            var (_, body) = try a.certificate(kind: "user", subject: Staff.statistician.name)
            body["role"] = "admin"
            body["issuer"] = "#root"
            let serial = try a.insertCertificate(body, kind: "user", subject: Staff.statistician.name, issuer: "#root")
            let result = try await d.run(["audit", "verify"], as: .statistician)
            return [refused(result, naming: serial)]
        },
        Attack(name: "a certificate's signed body edited (counsellor → manager)") { d, a, _ in
            let (serial, body) = try a.certificate(kind: "user", subject: Staff.counsellor.name)
            var edited = body
            edited["role"] = "manager"
            let bytes = try JSONSerialization.data(withJSONObject: edited, options: [.sortedKeys, .withoutEscapingSlashes])
            try a.edit { db in try db.execute(sql: "UPDATE certificates SET body = ? WHERE serial = ?", arguments: [bytes, serial]) }
            try a.edit { db in try db.execute(sql: "UPDATE users SET role = 'manager' WHERE name = ?", arguments: [Staff.counsellor.name]) }
            let result = try await d.run(["case", "list"], as: .counsellor)
            return [refused(result, naming: serial)]
        },
        Attack(name: "a counsellor's certificates deleted") { d, a, _ in
            try a.edit { db in try db.execute(sql: "DELETE FROM certificates WHERE kind = 'user' AND subject = ?", arguments: [Staff.counsellor.name]) }
            let result = try await d.run(["case", "list"], as: .counsellor)
            return [refused(result, naming: "user \(Staff.counsellor.name)")]
        },
        Attack(name: "a recovery wrap replaced: her centre key sealed to the real recovery public key") { d, a, _ in
            try a.edit { db in
                let recovery = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'recovery_public'")!
                let sealed = try SealedBox.seal(FileAttacker.bundle("centre.\(Deployment.centre).v1", a.centreKey), to: [UInt8](recovery))
                try db.execute(sql: "UPDATE recovery_wraps SET wrapped = ? WHERE key_id = ?", arguments: [Data(sealed), "centre.\(Deployment.centre).v1"])
            }
            let result = try await d.run(["user", "add", "ngoc", "--role", "counsellor", "--centre", Deployment.centre,
                                          "--recovery-key-file", d.recoveryKeyPath], as: .admin, newPassphrase: "ngoc-counsellor-pass")
            return [refused(result, naming: "recovery centre.\(Deployment.centre).v1")]
        },
        Attack(name: "the manager's keyslot copied over the counsellor's") { d, a, _ in
            try a.edit { db in
                try db.execute(sql: """
                    UPDATE keyslots SET salt = (SELECT salt FROM keyslots WHERE user = ?), sealed = (SELECT sealed FROM keyslots WHERE user = ?),
                        opslimit = (SELECT opslimit FROM keyslots WHERE user = ?), memlimit = (SELECT memlimit FROM keyslots WHERE user = ?)
                    WHERE user = ?
                    """, arguments: [Staff.manager.name, Staff.manager.name, Staff.manager.name, Staff.manager.name, Staff.counsellor.name])
            }
            let asManager = try await d.run(["case", "list"], environment: ["CAUNOI_USER": Staff.counsellor.name, "CAUNOI_PASSPHRASE": Staff.manager.passphrase])
            return [refused(asManager, [77])]
        },
        Attack(name: "a forged revocation of the counsellor's certificate") { d, a, _ in
            let (serial, _) = try a.certificate(kind: "user", subject: Staff.counsellor.name)
            let forged = try a.insertCertificate(["format": "caunoi-cert/1", "kind": "revocation", "subject": serial, "issuer": Staff.manager.name,
                                                  "deployment": try a.certificate(kind: "user", subject: Staff.counsellor.name).body["deployment"]!,
                                                  "issued_at": "2026-12-01T00:00:00Z", "keeps": [String]()],
                                                 kind: "revocation", subject: serial, issuer: Staff.manager.name)
            let result = try await d.run(["case", "list"], as: .counsellor)
            return [refused(result, naming: forged)]
        },
        Attack(name: "a high risk level lowered to low") { d, a, _ in
            let c = try await d.openCase(["--name", Invented.hoa, "--risk", "high"])
            try a.edit { db in try db.execute(sql: "UPDATE cases SET risk = 'low' WHERE id = ?", arguments: [c.id]) }
            return [refused(try await d.run(["case", "show", c.id], as: .counsellor), naming: "\(c.id) (cases.seal)")]
        },
        Attack(name: "a case moved to the other centre") { d, a, _ in
            let c = try await d.openCase(["--name", Invented.hoa])
            try a.edit { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                try db.execute(sql: "UPDATE cases SET centre = ? WHERE id = ?", arguments: [Deployment.otherCentre, c.id])
            }
            return [refused(try await d.run(["case", "show", c.id], as: .counsellor), naming: "\(c.id) (cases.seal)")]
        },
        Attack(name: "a note deleted") { d, a, _ in
            let c = try await d.openCase(["--name", Invented.hoa, "--note", "Ghi chú thứ nhất"])
            try a.edit { db in try db.execute(sql: "DELETE FROM notes WHERE case_id = ?", arguments: [c.id]) }
            return [refused(try await d.run(["case", "show", c.id], as: .counsellor), naming: "\(c.id) (cases.seal)")]
        },
        Attack(name: "a note moved to the same woman's other case") { d, a, _ in
            let first = try await d.openCase(["--name", Invented.hoa, "--note", "Ghi chú của hồ sơ đầu"])
            let second = try await d.openCase(["--person", first.person])
            try a.edit { db in try db.execute(sql: "UPDATE notes SET case_id = ? WHERE case_id = ?", arguments: [second.id, first.id]) }
            return [refused(try await d.run(["case", "show", second.id], as: .counsellor), naming: "\(second.id) (cases.seal)"),
                    refused(try await d.run(["case", "show", first.id], as: .counsellor), naming: "\(first.id) (cases.seal)")]
        },
        Attack(name: "an older ciphertext of a field put back (safe-contact instruction)") { d, a, _ in
            let c = try await d.openCase(["--name", Invented.hoa, "--safe-contact", "Gọi buổi sáng"])
            let older = try a.read { db in try Data.fetchOne(db, sql: "SELECT safe_contact FROM cases WHERE id = ?", arguments: [c.id])! }
            try await d.ok(["case", "update", c.id, "--safe-contact", "Không gọi điện, chỉ nhắn tin"], as: .counsellor)
            try a.edit { db in try db.execute(sql: "UPDATE cases SET safe_contact = ? WHERE id = ?", arguments: [older, c.id]) }
            return [refused(try await d.run(["case", "show", c.id], as: .counsellor), naming: "\(c.id) (cases.seal)")]
        },
        Attack(name: "a consent widened from one agency to every justice agency, then a referral") { d, a, _ in
            let c = try await ReferralFlowTests.openReferralCase(d)
            try await d.ok(["consent", "give", c.id, "--purpose", "referral", "--agency", "kr-kocun"], as: .counsellor)
            try a.edit { db in try db.execute(sql: "UPDATE consents SET agency_id = NULL, agency_kind = 'justice' WHERE case_id = ?", arguments: [c.id]) }
            let result = try await d.run(["referral", "create", c.id, "--agency", "vn-moj-hanoi", "--service", "divorce-recognition"], as: .counsellor)
            let made = try a.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM referrals WHERE case_id = ?", arguments: [c.id]) ?? 0 }
            return [refused(result, naming: "\(c.id) (cases.seal)"), Check(holds: made == 0, what: "no referral was made")]
        },
        Attack(name: "a whole case put back to an earlier state (row, seal and notes of then)") { d, a, _ in
            let c = try await d.openCase(["--name", Invented.hoa, "--risk", "low"])
            let before = try a.read { db in try Row.fetchOne(db, sql: "SELECT risk, status, seal FROM cases WHERE id = ?", arguments: [c.id])! }
            try await d.ok(["case", "update", c.id, "--risk", "high"], as: .counsellor)
            try a.edit { db in
                try db.execute(sql: "UPDATE cases SET risk = ?, status = ?, seal = ? WHERE id = ?",
                               arguments: [before["risk"] as String, before["status"] as String, before["seal"] as Data, c.id])
                try db.execute(sql: "DELETE FROM case_events WHERE case_id = ? AND kind = 'updated'", arguments: [c.id])
            }
            return [refused(try await d.run(["case", "show", c.id], as: .counsellor), naming: "\(c.id) (cases.seal)")]
        },
        Attack(name: "a woman's name damaged: case find must not answer \"no case found\"") { d, a, _ in
            let c = try await d.openCase(["--name", Invented.hoa])
            try a.edit { db in
                var name = [UInt8](try Data.fetchOne(db, sql: "SELECT name FROM persons WHERE id = ?", arguments: [c.person])!)
                name[name.count - 1] ^= 1
                try db.execute(sql: "UPDATE persons SET name = ? WHERE id = ?", arguments: [Data(name), c.person])
            }
            return [refused(try await d.run(["case", "find", "--name", Invented.hoa], as: .counsellor), naming: "\(c.person) (persons.name)")]
        },
        Attack(name: "the statistics ledger emptied to reset the privacy budget") { d, a, _ in
            let dp = ["stats", "export", "--by", "destination", "--dp", "--epsilon", "0.5"]
            try await d.ok(dp, as: .statistician)
            try a.edit { db in try db.execute(sql: "DELETE FROM stats_ledger") }
            let again = try await d.run(["stats", "export", "--by", "programme", "--dp", "--epsilon", "0.5"], as: .statistician)
            return [refused(again, naming: "stats_ledger")]
        },
        Attack(name: "a stored noisy answer and its ε edited in the ledger") { d, a, _ in
            try await d.ok(["stats", "export", "--by", "destination", "--dp", "--epsilon", "0.5"], as: .statistician)
            try a.edit { db in try db.execute(sql: "UPDATE stats_ledger SET epsilon_numerator = 1, epsilon_denominator = 1000, result = replace(result, '\"value\":', '\"value\":1')") }
            let repeated = try await d.run(["stats", "export", "--by", "destination", "--dp", "--epsilon", "0.5"], as: .statistician)
            return [refused(repeated, naming: "stats_ledger")]
        },
        Attack(name: "the same woman at two centres linked through equal blind-index values") { d, a, _ in
            let here = try await d.openCase(["--name", Invented.hoa, "--phone", Invented.hoaPhone, "--passport", Invented.hoaPassport])
            let there = try await d.openCase(["--name", Invented.hoa, "--phone", Invented.hoaPhone, "--passport", Invented.hoaPassport],
                                             as: .otherCounsellor)
            // With one deployment-wide key her name, phone and passport entries were equal at both
            // centres. Per-centre keys leave only chance coincidences: `name_token` entries have 6
            // bits (policy/blind-index.yaml), so one may coincide by design; name (12), phone and
            // passport (16 bits) coincide with odds of 1/4,096 and 1/65,536, and all three at once
            // with odds of 2^-44, which is what this (deterministic enough) check asks.
            let shared = try a.read { db in
                try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM blind_indexes x JOIN blind_indexes y ON x.kind = y.kind AND x.value = y.value
                    WHERE x.person_id = ? AND y.person_id = ? AND x.kind IN ('name', 'phone', 'passport')
                    """, arguments: [here.person, there.person]) ?? -1
            }
            // And the other centre's counsellor cannot find her (her key computes other values).
            let found = try await d.find("--phone", Invented.hoaPhone, as: .otherCounsellor).map(\.id)
            return [Check(holds: (0..<3).contains(shared), what: "her records at two centres are not linked by their index values (\(shared) of 3 equal)"),
                    Check(holds: found == [there.id], what: "each centre finds only its own record")]
        },
        Attack(name: "an agency's public key replaced with hers before a referral is sent") { d, a, _ in
            let keyPath = d.directory.appendingPathComponent("agency.key").path
            let publicKey = try await d.ok(["agency", "keygen", "--out", keyPath]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            try await d.ok(["agency", "add", "vn-moj-thu", "--name", "Sở Tư pháp thử", "--kind", "justice", "--service", "divorce-recognition",
                            "--province", "01", "--public-key", publicKey], as: .manager)
            let c = try await ReferralFlowTests.openReferralCase(d)
            try await d.ok(["consent", "give", c.id, "--purpose", "referral", "--agency", "vn-moj-thu"], as: .counsellor)
            let created = try JSON.object(try await d.ok(["referral", "create", c.id, "--agency", "vn-moj-thu", "--service", "divorce-recognition",
                                                          "--json"], as: .counsellor))
            let id = created["id"] as? String ?? ""
            try a.edit { db in try db.execute(sql: "UPDATE agencies SET public_key = ? WHERE id = 'vn-moj-thu'", arguments: [Data(a.box.publicKey)]) }
            let packet = d.directory.appendingPathComponent("packet.txt").path
            let sent = try await d.run(["referral", "send", id, "--out", packet], as: .counsellor)
            return [refused(sent, naming: "agency vn-moj-thu (agencies.public_key)"),
                    Check(holds: !FileManager.default.fileExists(atPath: packet), what: "no packet was written")]
        },
        Attack(name: "a reviewed agency's kind widened so that a consent to one kind covers it") { d, a, _ in
            let c = try await ReferralFlowTests.openReferralCase(d)
            try await d.ok(["consent", "give", c.id, "--purpose", "referral", "--agency-kind", "justice"], as: .counsellor)
            // kr-kocun is a foreign counterpart in policy, made to look like a justice office. Policy
            // rows are rewritten from the reviewed file on every directory read, so the edit is
            // undone and her consent does not cover it (77)...
            try a.edit { db in try db.execute(sql: "UPDATE agencies SET kind = 'justice' WHERE id = 'kr-kocun'") }
            let healed = try await d.run(["referral", "create", c.id, "--agency", "kr-kocun", "--service", "divorce-recognition"], as: .counsellor)
            // ...and marked as added by staff instead, it has no signed certificate to match (65).
            try a.edit { db in try db.execute(sql: "UPDATE agencies SET kind = 'justice', source = 'added' WHERE id = 'kr-kocun'") }
            let marked = try await d.run(["referral", "create", c.id, "--agency", "kr-kocun", "--service", "divorce-recognition"], as: .counsellor)
            let made = try a.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM referrals WHERE case_id = ?", arguments: [c.id]) ?? 0 }
            return [refused(healed, [77]), refused(marked, naming: "agency kr-kocun"), Check(holds: made == 0, what: "no referral was made")]
        },
        Attack(name: "a case deleted with its notes and history (audit verify)") { d, a, _ in
            let c = try await d.openCase(["--name", Invented.hoa, "--note", "Ghi chú"])
            try a.edit { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                for table in ["notes", "case_events", "case_needs", "consents"] {
                    try db.execute(sql: "DELETE FROM \(table) WHERE case_id = ?", arguments: [c.id])
                }
                try db.execute(sql: "DELETE FROM cases WHERE id = ?", arguments: [c.id])
            }
            return [refused(try await d.run(["audit", "verify"], as: .manager), naming: "\(c.id) (deleted)")]
        },
        Attack(name: "a case put back to an earlier state, found by audit verify without any data key") { d, a, _ in
            let c = try await d.openCase(["--name", Invented.hoa, "--risk", "medium"])
            let before = try a.read { db in try Row.fetchOne(db, sql: "SELECT risk, seal FROM cases WHERE id = ?", arguments: [c.id])! }
            try await d.ok(["case", "close", c.id, "--outcome", "resolved"], as: .counsellor)
            try a.edit { db in
                try db.execute(sql: "UPDATE cases SET status = 'open', outcome = NULL, closed_on = NULL, seal = ? WHERE id = ?",
                               arguments: [before["seal"] as Data, c.id])
                try db.execute(sql: "DELETE FROM case_events WHERE case_id = ? AND kind = 'closed'", arguments: [c.id])
            }
            return [refused(try await d.run(["audit", "verify"], as: .admin), naming: "\(c.id) (cases.seal)")]
        },
        Attack(name: "the audit trail cut back, with its recorded head lowered to match") { d, a, _ in
            let c = try await d.openCase(["--name", Invented.hoa, "--risk", "high"])
            try await d.ok(["case", "update", c.id, "--risk", "low"], as: .counsellor)
            try await d.ok(["case", "list"], as: .counsellor)
            // Cut everything since the case was opened, so its older state would look committed.
            try a.edit { db in
                let opened = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM audit_log WHERE action = 'case.open' AND record = ?", arguments: [c.id])!
                try db.execute(sql: "DELETE FROM audit_log WHERE seq > ?", arguments: [opened])
                try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'audit_head'", arguments: [opened])
            }
            return [refused(try await d.run(["case", "list"], as: .counsellor), naming: "#")]
        },
        Attack(name: "an erasure-ledger row inserted to make a woman look erased (and her cases unchecked)") { d, a, _ in
            let c = try await d.openCase(["--name", Invented.hoa])
            try a.edit { db in
                try db.execute(sql: "DROP TRIGGER IF EXISTS erasures_no_insert")
                try db.execute(sql: "INSERT INTO erasures (person_id, centre, erased_on, by_user, basis) VALUES (?, ?, '2026-12-01', 'lan', 'request')",
                               arguments: [c.person, Deployment.centre])
            }
            return [refused(try await d.run(["case", "show", c.id], as: .counsellor), naming: "\(c.person) (erasures)"),
                    refused(try await d.run(["audit", "verify"], as: .manager), naming: "\(c.person) (erasures)")]
        },
        Attack(name: "a closing day back-dated so that retention erases a woman early") { d, a, _ in
            let c = try await d.openCase(["--name", Invented.hoa])
            try await d.ok(["case", "close", c.id, "--outcome", "resolved"], as: .counsellor)
            try a.edit { db in try db.execute(sql: "UPDATE cases SET closed_on = '2001-01-01' WHERE id = ?", arguments: [c.id]) }
            let run = try await d.run(["retention", "run"], as: .manager)
            let erased = try a.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM erasures") ?? 0 }
            return [refused(run, naming: "\(c.id) (cases.seal)"), Check(holds: erased == 0, what: "nobody was erased")]
        },
        Attack(name: "a referral waiting for central review marked ready, review flag cleared, then sent") { d, a, referral in
            try a.edit { db in try db.execute(sql: "UPDATE referrals SET status = 'ready', review = 0 WHERE id = ?", arguments: [referral]) }
            let letter = d.directory.appendingPathComponent("letter.html").path
            let sent = try await d.run(["referral", "send", referral, "--letter", "--out", letter], as: .counsellor)
            return [refused(sent, naming: "\(referral) (review)"), Check(holds: !FileManager.default.fileExists(atPath: letter), what: "no letter written")]
        },
    ]

    @Test("every file-level attack ends in a refusal, never a key or a wrong answer (count printed)")
    func everyAttackIsRefused() async throws {
        try await Harness.withTemporaryDirectory { root in
            let baseDirectory = root.appendingPathComponent("base")
            try FileManager.default.createDirectory(at: baseDirectory, withIntermediateDirectories: true)
            let base = try await Deployment.make(in: baseDirectory, cast: [.manager, .counsellor, .otherCounsellor, .statistician])
            try await ReferralFlowTests.addCentral(base)
            let c = try await ReferralFlowTests.openReferralCase(base)
            try await base.ok(["consent", "give", c.id, "--purpose", "referral", "--agency", "kr-kocun"], as: .counsellor)
            let created = try JSON.object(try await base.ok(["referral", "create", c.id, "--agency", "kr-kocun",
                                                             "--service", "divorce-recognition", "--json"], as: .counsellor))
            let referral = try #require(created["id"] as? String)
            var held = 0
            for (number, attack) in Self.attacks.enumerated() {
                let copy = root.appendingPathComponent("attack-\(number + 1)")
                try FileManager.default.copyItem(at: base.directory, to: copy)
                let d = Deployment(directory: copy, binary: base.binary)
                let checks = try await attack.run(d, FileAttacker(d), referral)
                for check in checks { #expect(check.holds, "attack \(number + 1) (\(attack.name)): \(check.what)") }
                let ok = checks.allSatisfy(\.holds)
                if ok { held += 1 }
                print("file attack \(number + 1): \(attack.name): \(ok ? "held" : "NOT HELD")")
            }
            print("file attacks: \(Self.attacks.count) tried, \(held) held")
            #expect(held == Self.attacks.count)
        }
    }
}
