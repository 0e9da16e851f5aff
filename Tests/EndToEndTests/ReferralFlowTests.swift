import Foundation
import GRDB
import Testing

/// Acceptance of issue 3 from outside: consent gates referrals, a manager's override is
/// recorded, packets open with PyNaCl and disclose exactly their rule's fields, central
/// officers review without reading the case, due dates, overdue lists, withdrawal, letters.
@Suite("Referral flow")
struct ReferralFlowTests {
    static let central = Staff(name: "trunguong", passphrase: "trunguong-central-pass")

    /// A case of HN-OSSO (origin Hà Nội, returned from Korea) with every kind of personal field.
    static func openReferralCase(_ d: Deployment, risk: String = "medium", extra: [String] = []) async throws -> OpenedCase {
        try await d.openCase([
            "--name", Invented.ngocName, "--dob", "1994-03-08", "--phone", Invented.ngocPhone,
            "--passport", Invented.ngocPassport, "--address", Invented.ngocAddress, "--email", Invented.ngocEmail,
            "--origin-province", "01", "--destination", "KR", "--migration", "marriage",
            "--need", "divorce-recognition", "--need", "child-birth-registration", "--risk", risk,
            "--safe-contact", Invented.ngocSafeContact, "--note", Invented.ngocNote,
        ] + extra)
    }

    static func addCentral(_ d: Deployment) async throws {
        try await d.ok(["user", "add", central.name, "--role", "central", "--recovery-key-file", d.recoveryKeyPath],
                       as: .admin, newPassphrase: central.passphrase)
    }

    static func referral(_ d: Deployment, _ id: String, as staff: Staff = .counsellor) async throws -> [String: Any] {
        try JSON.object(try await d.ok(["referral", "show", id, "--json"], as: staff))
    }

    static func status(_ d: Deployment, _ id: String) async throws -> String? {
        (try await referral(d, id)["referral"] as? [String: Any])?["status"] as? String
    }

    @Test("no consent: 77; a counsellor's override: 77; a manager's override is recorded; consent scope and fields decide")
    func consentGatesReferrals() async throws {
        try await Deployment.with([.manager, .counsellor]) { d in
            let c = try await Self.openReferralCase(d)
            let create = ["referral", "create", c.id, "--agency", "vn-moj-hanoi", "--service", "divorce-recognition", "--json"]

            let refused = try await d.run(create, as: .counsellor)
            #expect(refused.status == 77)
            #expect(refused.stderrLines.count == 1)
            let counsellorOverride = try await d.run(create + ["--override-consent", "Khẩn cấp"], as: .counsellor)
            #expect(counsellorOverride.status == 77)

            // Consent for another kind of agency, or for fewer fields than the rule discloses, does not cover it.
            try await d.ok(["consent", "give", c.id, "--purpose", "referral", "--agency-kind", "legal-aid"], as: .counsellor)
            #expect(try await d.run(create, as: .counsellor).status == 77)
            try await d.ok(["consent", "give", c.id, "--purpose", "referral", "--agency-kind", "justice", "--fields", "name,dob"],
                           as: .counsellor)
            #expect(try await d.run(create, as: .counsellor).status == 77)
            #expect(try await d.listReferrals().isEmpty)

            // The manager's override is allowed and recorded with the referral.
            let overridden = try JSON.object(try await d.ok(create + ["--override-consent", "Nguy cơ cao, đã đồng ý bằng lời"], as: .manager))
            let overriddenID = try #require(overridden["id"] as? String)
            let shown = try await Self.referral(d, overriddenID)
            let events = (shown["events"] as? [[String: Any]]) ?? []
            #expect(events.contains { ($0["detail"] as? String)?.contains("override") == true || $0["kind"] as? String == "override" },
                    "the override is not in the referral's history: \(events)")

            // Consent for the kind with every field covers it.
            try await d.ok(["consent", "give", c.id, "--purpose", "referral", "--agency-kind", "justice"], as: .counsellor)
            let created = try JSON.object(try await d.ok(create, as: .counsellor))
            #expect(created["status"] as? String == "ready")
            #expect(try await d.listReferrals().count == 2)

            // The case page shows them (issue 13: `referrals` was always empty), with its consents.
            let page = try await d.show(c.id)
            let referrals = (page["referrals"] as? [[String: Any]]) ?? []
            #expect(Set(referrals.compactMap { $0["id"] as? String }).contains(created["id"] as? String ?? "?") && referrals.count == 2)
            #expect(((page["consents"] as? [[String: Any]]) ?? []).count == 3)
            let text = try await d.ok(["case", "show", c.id], as: .counsellor).stdout
            #expect(text.contains("Chuyển gửi") && text.contains("Sẵn sàng gửi") && text.contains(created["id"] as? String ?? "?"))
            let shownReferral = try await d.ok(["referral", "show", created["id"] as? String ?? "?"], as: .counsellor).stdout
            #expect(shownReferral.contains("Họ và tên") && shownReferral.contains("Sẵn sàng gửi") && shownReferral.contains("Lịch sử"),
                    "referral show speaks in labels")
            #expect(!shownReferral.contains("ready") && !shownReferral.contains("divorce-recognition"))
            let forCase = try JSON.array(try await d.ok(["referral", "list", "--case", c.id, "--json"], as: .counsellor))
            #expect(forCase.count == 2)
            let other = try await d.openCase(["--name", Invented.lyName])
            #expect(try JSON.array(try await d.ok(["referral", "list", "--case", other.id, "--json"], as: .counsellor)).isEmpty)

            // An unknown agency is "not found", not a permission problem.
            let unknown = try await d.run(["referral", "create", c.id, "--agency", "no-such-agency", "--service", "divorce-recognition"],
                                          as: .counsellor)
            #expect(unknown.status == 66)
        }
    }

    @Test("the packet opens with PyNaCl, its signature verifies over canonical JSON, it discloses exactly the rule's fields",
          .enabled(if: Python.hasNaCl, "needs python3 with PyNaCl (installed by .ci/run)"))
    func packetInterop() async throws {
        try await Deployment.with([.manager, .counsellor]) { d in
            let c = try await Self.openReferralCase(d)
            let keyPath = d.directory.appendingPathComponent("agency.key").path
            let publicKey = try await d.ok(["agency", "keygen", "--out", keyPath]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            try await d.ok(["agency", "add", "vn-moj-hanoi", "--name", "Sở Tư pháp thành phố Hà Nội", "--kind", "justice",
                            "--service", "divorce-recognition", "--province", "01", "--public-key", publicKey], as: .manager)
            try await d.ok(["consent", "give", c.id, "--purpose", "referral", "--agency", "vn-moj-hanoi"], as: .counsellor)
            let created = try JSON.object(try await d.ok(["referral", "create", c.id, "--agency", "vn-moj-hanoi",
                                                          "--service", "divorce-recognition", "--json"], as: .counsellor))
            let id = try #require(created["id"] as? String)
            let packetPath = d.directory.appendingPathComponent("packet.txt").path
            try await d.ok(["referral", "send", id, "--out", packetPath], as: .counsellor)
            let armored = try String(contentsOfFile: packetPath, encoding: .utf8)
            for secret in [Invented.ngocName, Invented.ngocPhone, Invented.ngocPassport, Invented.ngocAddress] {
                #expect(!armored.contains(secret))
            }

            let trustPath = d.directory.appendingPathComponent("trust.json").path
            try await d.ok(["centre", "trust", "--out", trustPath], as: .manager)
            let script = try d.write("open_packet.py", Python.openPacket)
            let opened = try await Harness.launch("/usr/bin/env", ["python3", script, keyPath, packetPath, publicKey, trustPath],
                                                  environment: Python.environment, scratch: d.directory)
            try #require(opened.status == 0, "PyNaCl could not open or verify the packet: \(opened.stderr)")
            let payload = try JSON.object(opened)
            #expect(payload["format"] as? String == "caunoi-referral/2")
            #expect(payload["referral"] as? String == id)
            #expect(payload["to_agency"] as? String == "vn-moj-hanoi")
            #expect(payload["services"] as? [String] == ["divorce-recognition"])
            #expect(payload["safe_contact"] as? String == Invented.ngocSafeContact)
            #expect(Set(payload.keys) == ["format", "referral", "from_centre", "to_agency", "priority", "due", "services",
                                          "disclosed", "safe_contact", "consent", "signer", "certificates", "sent_by"])
            // The rule divorce-recognition-justice discloses name, other_names, dob, id_number,
            // passport, origin_province, destination; she has no other names or ID number.
            let disclosed = try #require(payload["disclosed"] as? [String: Any])
            #expect(Set(disclosed.keys) == ["name", "dob", "passport", "origin_province", "destination"])
            #expect(disclosed["name"] as? String == Invented.ngocName)
            #expect(disclosed["passport"] as? String == Invented.ngocPassport)
            #expect(disclosed["dob"] as? String == "1994-03-08")
            let text = opened.stdout
            for absent in [Invented.ngocPhone, Invented.ngocAddress, Invented.ngocEmail, Invented.ngocNote, "child-birth-registration", "marriage"] {
                #expect(!text.contains(absent), "the packet discloses something its rule does not list")
            }

            // caunoi's own agency side agrees and names the centre; without the root it cannot
            // verify the signer; a payload changed and re-signed with the forger's own key is refused.
            let verified = try await d.ok(["referral", "open", packetPath, "--key", keyPath, "--root", trustPath])
            #expect(verified.stdout.contains(Deployment.centre))
            #expect(try await d.run(["referral", "open", packetPath, "--key", keyPath]).status == 64)
            let stranger = d.directory.appendingPathComponent("stranger.key").path
            let strangerRoot = try await d.ok(["agency", "keygen", "--out", stranger]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try await d.run(["referral", "open", packetPath, "--key", keyPath, "--root", strangerRoot]).status == 65)
            let forgedPath = d.directory.appendingPathComponent("forged.txt").path
            let forged = try await Harness.launch("/usr/bin/env", ["python3", script, keyPath, packetPath, publicKey, trustPath, forgedPath],
                                                  environment: Python.environment, scratch: d.directory)
            try #require(forged.status == 0, "\(forged.stderr)")
            let refused = try await d.run(["referral", "open", forgedPath, "--key", keyPath, "--root", trustPath])
            #expect(refused.status == 65)
            #expect(refused.stdout.isEmpty)
        }
    }

    @Test("central officers review what a referral discloses, never the case; illegal transitions are 65")
    func centralReview() async throws {
        try await Deployment.with([.manager, .counsellor]) { d in
            try await Self.addCentral(d)
            let c = try await Self.openReferralCase(d)
            try await d.ok(["consent", "give", c.id, "--purpose", "referral", "--agency", "kr-kocun"], as: .counsellor)
            let created = try JSON.object(try await d.ok(["referral", "create", c.id, "--agency", "kr-kocun",
                                                          "--service", "divorce-recognition", "--json"], as: .counsellor))
            let id = try #require(created["id"] as? String)
            #expect(created["status"] as? String == "pending-review")
            // Not sendable before review.
            #expect(try await d.run(["referral", "send", id], as: .counsellor).status == 65)

            let queue = try await d.ok(["referral", "queue", "--json"], as: Self.central)
            #expect(queue.stdout.contains(id))
            #expect(queue.stdout.contains(Invented.ngocName), "the reviewer must see the disclosed name")
            #expect(!queue.stdout.contains(Invented.ngocPhone) && !queue.stdout.contains(Invented.ngocAddress))
            let reviewed = try await Self.referral(d, id, as: Self.central)
            let disclosed = try #require(reviewed["disclosed"] as? [String: Any])
            #expect(Set(disclosed.keys) == ["name", "dob", "passport", "destination"])
            let caseShow = try await d.run(["case", "show", c.id], as: Self.central)
            #expect(caseShow.status == 77)
            #expect(!caseShow.stdout.contains(Invented.ngocName))

            // A counsellor cannot approve; the central officer returns it, it is resubmitted and approved.
            #expect(try await d.run(["referral", "approve", id], as: .counsellor).status == 77)
            try await d.ok(["referral", "return", id, "--reason", "Thiếu hộ chiếu bản sao"], as: Self.central)
            #expect(try await Self.status(d, id) == "draft")
            #expect(try await d.run(["referral", "approve", id], as: Self.central).status == 65)
            #expect(try await d.run(["referral", "return", id, "--reason", "Lần nữa"], as: Self.central).status == 65)
            // The counsellor corrects the case and resubmits with a note: the disclosure is built
            // again, and the officer is told what changed and why the referral is reviewed.
            let passport = try d.write("passport.yaml", "passport: C7777777\n")
            try await d.ok(["case", "update", c.id, "--fields-from", passport], as: .counsellor)
            let note = try d.write("note.yaml", "note: Đã bổ sung hộ chiếu mới\n")
            try await d.ok(["referral", "submit", id, "--fields-from", note], as: .counsellor)
            let text = try await d.ok(["referral", "queue"], as: Self.central).stdout
            #expect(text.contains("Thay đổi từ khi trả lại: Hộ chiếu") || text.contains("Thay đổi từ khi trả lại: Số hộ chiếu"), "\(text)")
            #expect(text.contains("Cần duyệt vì:") && text.contains("Đã bổ sung hộ chiếu mới") && text.contains("C7777777"))
            let approval = try d.write("approval.yaml", "note: Đồng ý, gửi bản sao hộ chiếu kèm theo\n")
            try await d.ok(["referral", "approve", id, "--fields-from", approval], as: Self.central)
            #expect(try await Self.status(d, id) == "ready")
            #expect(try await d.ok(["referral", "show", id], as: .counsellor).stdout.contains("Đồng ý, gửi bản sao hộ chiếu kèm theo"))
            #expect(try await d.run(["referral", "approve", id], as: Self.central).status == 65)
            #expect(!(try await d.ok(["referral", "queue", "--json"], as: Self.central)).stdout.contains(id))

            // Answers only after sending; nothing after completion or withdrawal.
            #expect(try await d.run(["referral", "respond", id, "--accepted"], as: .counsellor).status == 65)
            try await d.ok(["referral", "send", id, "--letter", "--out", d.directory.appendingPathComponent("l.html").path], as: .counsellor)
            try await d.ok(["referral", "respond", id, "--accepted"], as: .counsellor)
            try await d.ok(["referral", "respond", id, "--completed"], as: .counsellor)
            #expect(try await d.run(["referral", "respond", id, "--declined", "other"], as: .counsellor).status == 65)
            #expect(try await d.run(["referral", "withdraw", id, "--reason", "Thử"], as: .counsellor).status == 65)
            #expect(try await Self.status(d, id) == "completed")
        }
    }

    @Test("due dates follow priority; --overdue lists unanswered referrals past due; withdrawing consent withdraws them")
    func dueOverdueAndWithdrawal() async throws {
        try await Deployment.with([.manager, .counsellor]) { d in
            let c = try await Self.openReferralCase(d)
            try await d.ok(["consent", "give", c.id, "--purpose", "referral", "--agency-kind", "justice"], as: .counsellor)
            try await d.ok(["consent", "give", c.id, "--purpose", "referral", "--agency-kind", "legal-aid"], as: .counsellor)
            let hours = ["emergency": 24.0, "urgent": 72.0, "normal": 336.0]
            var ids: [String: String] = [:]
            for (priority, expected) in hours {
                let before = Date()
                let created = try JSON.object(try await d.ok(["referral", "create", c.id, "--agency", "vn-moj-hanoi",
                                                              "--service", "divorce-recognition", "--priority", priority, "--json"],
                                                             as: .counsellor))
                ids[priority] = try #require(created["id"] as? String)
                let due = try #require((created["due"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) })
                let offset = due.timeIntervalSince(before) / 3600
                #expect(abs(offset - expected) < 0.1, "\(priority): due \(offset) h after creation, expected \(expected) h")
            }
            let legal = try JSON.object(try await d.ok(["referral", "create", c.id, "--agency", "vn-legalaid-hanoi",
                                                        "--service", "divorce-recognition", "--json"], as: .counsellor))
            let legalID = try #require(legal["id"] as? String)
            #expect(try await d.listReferrals(["--overdue"]).isEmpty)

            // Two referrals fall past due: the answered one is not overdue, the unanswered one is.
            for id in [ids["emergency"]!, ids["urgent"]!] {
                try await d.ok(["referral", "send", id, "--letter", "--out", d.directory.appendingPathComponent("\(id).html").path],
                               as: .counsellor)
            }
            try await d.ok(["referral", "respond", ids["urgent"]!, "--accepted"], as: .counsellor)
            let queue = try DatabaseQueue(path: d.databasePath)
            let pastDue = [ids["emergency"]!, ids["urgent"]!]
            try await queue.write { db in
                try db.execute(sql: "UPDATE referrals SET due = ? WHERE id IN (?, ?)",
                               arguments: ["2020-01-01T00:00:00Z", pastDue[0], pastDue[1]])
            }
            try queue.close()
            #expect(try await d.listReferrals(["--overdue"]).map(\.id) == [ids["emergency"]!])

            // Withdrawing consent for justice withdraws the open justice referrals, not legal aid's.
            try await d.ok(["consent", "withdraw", c.id, "--purpose", "referral", "--agency-kind", "justice"], as: .counsellor)
            let after = Dictionary(uniqueKeysWithValues: try await d.listReferrals().map { ($0.id, $0.status) })
            #expect(after[ids["emergency"]!] == "withdrawn")
            #expect(after[ids["normal"]!] == "withdrawn")
            #expect(after[ids["urgent"]!] == "withdrawn" || after[ids["urgent"]!] == "accepted")
            #expect(after[legalID] == "ready")
        }
    }

    @Test("an emergency waiting for review is sent by a manager with a reason, then reviewed after the fact")
    func emergency() async throws {
        try await Deployment.with([.manager, .counsellor]) { d in
            try await Self.addCentral(d)
            let c = try await d.openCase(["--name", Invented.ngocName, "--phone", Invented.ngocPhone, "--destination", "KR",
                                          "--need", "gbv-protection", "--risk", "high"])
            try await d.ok(["consent", "give", c.id, "--purpose", "referral", "--agency", "kr-danuri"], as: .counsellor)
            let id = try #require(try JSON.object(try await d.ok(["referral", "create", c.id, "--agency", "kr-danuri",
                                                                  "--service", "gbv-protection", "--json"], as: .counsellor))["id"] as? String)
            let letter = d.directory.appendingPathComponent("emergency.html").path
            let reason = try d.write("reason.yaml", "reason: Chị không có chỗ ở an toàn đêm nay\n")
            #expect(try await d.run(["referral", "send", id, "--letter", "--out", letter], as: .manager).status == 65, "not before review")
            #expect(try await d.run(["referral", "send", id, "--emergency", "--fields-from", reason, "--letter", "--out", letter],
                                    as: .counsellor).status == 77)
            try await d.ok(["referral", "send", id, "--emergency", "--fields-from", reason, "--letter", "--out", letter], as: .manager)
            #expect(try await Self.status(d, id) == "sent")
            let queue = try await d.ok(["referral", "queue"], as: Self.central).stdout
            #expect(queue.contains(id) && queue.contains("KHẨN CẤP") && queue.contains("Chị không có chỗ ở an toàn đêm nay"))
            try await d.ok(["referral", "review-after", id], as: Self.central)
            #expect(!(try await d.ok(["referral", "queue"], as: Self.central)).stdout.contains(id))
            #expect(try await d.run(["referral", "review-after", id], as: Self.central).status == 65)
        }
    }

    @Test("the letter is well-formed HTML in Vietnamese with exactly the disclosed fields",
          .enabled(if: Python.available, "needs python3"))
    func letter() async throws {
        try await Deployment.with([.manager, .counsellor]) { d in
            let c = try await Self.openReferralCase(d)
            try await d.ok(["consent", "give", c.id, "--purpose", "referral", "--agency-kind", "justice"], as: .counsellor)
            let created = try JSON.object(try await d.ok(["referral", "create", c.id, "--agency", "vn-moj-hanoi",
                                                          "--service", "divorce-recognition", "--json"], as: .counsellor))
            let id = try #require(created["id"] as? String)
            let path = d.directory.appendingPathComponent("letter.html").path
            try await d.ok(["referral", "send", id, "--letter", "--out", path], as: .counsellor)
            let html = try String(contentsOfFile: path, encoding: .utf8)
            #expect(html.contains("lang=\"vi\""))
            for shown in [Invented.ngocName, Invented.ngocPassport, "08/03/1994", Invented.ngocSafeContact, id] {
                #expect(html.contains(shown))
            }
            // Codes by their labels, the due time in Vietnam time, the centre's sender block, print styles.
            #expect(html.contains("Hà Nội") && html.contains("Hàn Quốc") && !html.contains(">KR<") && !html.contains(">01<"))
            #expect(html.range(of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"#, options: .regularExpression) == nil, "a UTC timestamp is printed")
            #expect(html.range(of: #"Hạn trả lời: \d{2}/\d{2}/\d{4} \d{2}:\d{2} \(giờ Việt Nam\)"#, options: .regularExpression) != nil)
            #expect(html.contains("Cán bộ gửi: \(Staff.counsellor.name)") && html.contains("Số tham chiếu") && html.contains("@media print"))
            // A Korean partner reads English (agencies.yaml `language: en`); --letter-lang overrides.
            try await Self.addCentral(d)
            try await d.ok(["consent", "give", c.id, "--purpose", "referral", "--agency", "kr-kocun"], as: .counsellor)
            let korean = try #require(try JSON.object(try await d.ok(["referral", "create", c.id, "--agency", "kr-kocun",
                                                                      "--service", "divorce-recognition", "--json"], as: .counsellor))["id"] as? String)
            try await d.ok(["referral", "approve", korean], as: Self.central)
            let english = d.directory.appendingPathComponent("letter-en.html").path
            try await d.ok(["referral", "send", korean, "--letter", "--out", english], as: .counsellor)
            let letter = try String(contentsOfFile: english, encoding: .utf8)
            #expect(letter.contains("lang=\"en\"") && letter.contains("REFERRAL") && letter.contains("South Korea") && letter.contains("(Viet Nam time)"))
            #expect(letter.contains("Korea Center for United Nations Human Rights Policy"))
            // The same partner's letter in Vietnamese when asked: its Vietnamese name beside its own.
            try await d.ok(["consent", "give", c.id, "--purpose", "referral", "--agency", "kr-klac"], as: .counsellor)
            let klac = try #require(try JSON.object(try await d.ok(["referral", "create", c.id, "--agency", "kr-klac",
                                                                    "--service", "divorce-recognition", "--json"], as: .counsellor))["id"] as? String)
            try await d.ok(["referral", "approve", klac], as: Self.central)
            let vietnamese = d.directory.appendingPathComponent("letter-vi.html").path
            try await d.ok(["referral", "send", klac, "--letter", "--letter-lang", "vi", "--out", vietnamese], as: .counsellor)
            let inVietnamese = try String(contentsOfFile: vietnamese, encoding: .utf8)
            #expect(inVietnamese.contains("lang=\"vi\"") && inVietnamese.contains("PHIẾU CHUYỂN GỬI") && inVietnamese.contains("대한법률구조공단 ("))
            for hidden in [Invented.ngocPhone, Invented.ngocAddress, Invented.ngocEmail, Invented.ngocNote] {
                #expect(!html.contains(hidden))
            }
            let parse = try await Harness.launch("/usr/bin/env", ["python3", "-c",
                "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1]); print('ok')", path],
                environment: Python.environment, scratch: d.directory)
            #expect(parse.status == 0, "the letter is not well-formed: \(parse.stderr)")
        }
    }

    @Test("HSDS: the Open Referral examples import; export then import gives the same directory; malformed is 65 and changes nothing")
    func hsdsRoundTrip() async throws {
        try await Deployment.with([.manager]) { d in
            let fixtures = Harness.packageRoot.appendingPathComponent("Tests/Fixtures/hsds")
            for file in ["organization_full.json", "organization_list.json", "service_full.json"] {
                try await d.ok(["agency", "import", "--hsds", fixtures.appendingPathComponent(file).path], as: .manager)
            }
            let first = d.directory.appendingPathComponent("first.json").path
            let second = d.directory.appendingPathComponent("second.json").path
            try await d.ok(["agency", "export", "--hsds", "--out", first], as: .manager)
            try await d.ok(["agency", "import", "--hsds", first], as: .manager)
            try await d.ok(["agency", "export", "--hsds", "--out", second], as: .manager)
            #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))

            let listed = try await d.ok(["agency", "list"], as: .manager).stdout
            for malformed in ["{\"broken\":", "[{\"id\": \"x\"}]", "{\"id\": 7, \"name\": []}"] {
                let bad = try d.write("bad.json", malformed)
                let result = try await d.run(["agency", "import", "--hsds", bad], as: .manager)
                #expect(result.status == 65, "\(malformed): exit \(result.status)")
                #expect(result.stderrLines.count == 1)
            }
            #expect(try await d.ok(["agency", "list"], as: .manager).stdout == listed)

            // An import never changes a reviewed agency's kind or key (issue 12): the exported
            // directory with one agency's kind changed is refused whole, naming the agency.
            let exported = try String(contentsOfFile: first, encoding: .utf8)
            let changed = exported.replacingOccurrences(of: "\"ngo\"", with: "\"police\"")
            try #require(changed != exported, "the export names no kind this test can change")
            let conflict = try await d.run(["agency", "import", "--hsds", try d.write("changed.json", changed)], as: .manager)
            #expect(conflict.status == 65 && conflict.stderrLines.count == 1 && conflict.stderr.contains("agency add"), "\(conflict.stderr)")
            #expect(try await d.ok(["agency", "list"], as: .manager).stdout == listed)
        }
    }
}

struct ReferralSummary: Decodable, Sendable {
    let id: String
    let status: String
}

extension Deployment {
    func listReferrals(_ options: [String] = [], as staff: Staff = .counsellor) async throws -> [ReferralSummary] {
        try JSON.decode([ReferralSummary].self, try await ok(["referral", "list", "--json"] + options, as: staff))
    }
}

/// python3 (and PyNaCl) for the interop tests.
enum Python {
    /// The test runner's PATH, so that the python3 probed here is the one the tests run.
    static let environment: [String: String] = {
        var env = Harness.baseEnvironment()
        if let path = ProcessInfo.processInfo.environment["PATH"] { env["PATH"] = path }
        return env
    }()

    static func runs(_ code: String) -> Bool {
        let process = Process()
        process.environment = environment
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", code]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static let available = runs("pass")
    static let hasNaCl = runs("import nacl.public, nacl.signing")
    static let hasSciPy = runs("import scipy.optimize")

    /// Opens a packet as docs/REFERRAL-PACKET.md tells agencies to, prints the verified payload;
    /// with a fourth argument, writes a forged packet there (one changed byte, same signature).
    /// Opens a packet the way docs/REFERRAL-PACKET.md tells a partner to, checking the
    /// signature and the signing centre's certificate chain up to the root in the trust file.
    /// With a fifth argument it also writes a forgery: the payload changed and re-signed with a
    /// key of the forger's own (who puts it in `signer`), keeping the real chain.
    static let openPacket = """
        import base64, json, sys
        from nacl.public import PrivateKey, PublicKey, SealedBox
        from nacl.signing import SigningKey, VerifyKey

        key_path, packet_path, public_b64, trust_path = sys.argv[1:5]
        secret = base64.b64decode("".join(l for l in open(key_path).read().splitlines() if l and not l.startswith("-----")))
        lines = [l for l in open(packet_path).read().splitlines() if l and not l.startswith("-----")]
        plain = SealedBox(PrivateKey(secret)).decrypt(base64.b64decode("".join(lines)))
        payload = json.loads(plain)
        signature = base64.b64decode(payload.pop("signature"))
        canonical = lambda value: json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
        VerifyKey(base64.b64decode(payload["signer"])).verify(canonical(payload), signature)
        root = base64.b64decode(json.load(open(trust_path))["root_public"])
        certificates = payload["certificates"]
        first = json.loads(base64.b64decode(certificates[0]["body"]))
        assert first["kind"] == "centre" and first["subject"] == payload["from_centre"] and first["sign_public"] == payload["signer"]
        for index, item in enumerate(certificates):
            body = base64.b64decode(item["body"])
            VerifyKey(base64.b64decode(item["signer"])).verify(body, base64.b64decode(item["signature"]))
            certificate = json.loads(body)
            if certificate["issuer"] == "#root":
                assert index == len(certificates) - 1 and base64.b64decode(item["signer"]) == root
            else:
                issuer = json.loads(base64.b64decode(certificates[index + 1]["body"]))
                assert issuer["kind"] == "user" and issuer["subject"] == certificate["issuer"] and issuer["sign_public"] == item["signer"]
        if len(sys.argv) > 5:
            forger = SigningKey.generate()
            forged = dict(payload, priority="emergency" if payload["priority"] != "emergency" else "normal")
            forged["signer"] = base64.b64encode(bytes(forger.verify_key)).decode()
            forged["signature"] = base64.b64encode(forger.sign(canonical(forged)).signature).decode()
            sealed = base64.b64encode(SealedBox(PublicKey(base64.b64decode(public_b64))).encrypt(canonical(forged))).decode()
            with open(sys.argv[5], "w") as f:
                f.write("-----BEGIN CAUNOI REFERRAL-----\\n")
                for i in range(0, len(sealed), 76):
                    f.write(sealed[i:i + 76] + "\\n")
                f.write("-----END CAUNOI REFERRAL-----\\n")
        print(json.dumps(payload, ensure_ascii=False))
        """
}
