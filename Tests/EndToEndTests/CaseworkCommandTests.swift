import Foundation
import Testing

/// `case contact`, `followup list|add|done`, `case close --request` and `case decline-closure`
/// (issue 15): the CLI face of the caseworker's daily work, including its refusals.
@Suite("Casework commands")
struct CaseworkCommandTests {
    /// A day on Vietnam's calendar (UTC+7), `days` from today.
    static func vietnamDay(_ days: Int = 0) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date().addingTimeInterval(Double(days) * 86_400))
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    @Test("contacts, follow-ups and a closure that needs a manager, from the command line")
    func dailyWork() async throws {
        try await Deployment.with([.manager, .counsellor, .otherCounsellor]) { d in
            let today = Self.vietnamDay()
            let opened = try await d.openCase(["--name", Invented.hoa, "--risk", "high"])
            let id = opened.id
            let summary = try d.write("contact.json", #"{"summary": "Chị kể đã tìm được việc làm"}"#)
            let said = try await d.ok(["case", "contact", id, "--kind", "home-visit", "--minutes", "45", "--time", "00:05",
                                       "--fields-from", summary], as: .counsellor)
            #expect(said.stdout.contains("Đã ghi lần tiếp xúc"))
            let shown = try await d.ok(["case", "show", id], as: .counsellor).stdout
            #expect(shown.contains("Thăm tại nhà") && shown.contains("45 phút") && shown.contains("Chị kể đã tìm được việc làm"))
            let json = try await d.show(id)
            let contacts = try #require(json["contacts"] as? [[String: Any]])
            #expect(contacts.first?["kind"] as? String == "home-visit" && contacts.first?["day"] as? String == today)
            #expect(contacts.first?["time"] as? String == "00:05")

            // Refusals: one line each, the documented exit code, nothing written.
            let old = Self.vietnamDay(-20)
            #expect(try await d.run(["case", "contact", id, "--kind", "phone", "--date", old], as: .counsellor).status == 65)
            #expect(try await d.run(["case", "contact", id, "--kind", "letter"], as: .counsellor).status == 65)
            #expect(try await d.run(["case", "contact", id, "--kind", "phone", "--minutes", "5000"], as: .counsellor).status == 64)
            #expect(try await d.run(["case", "contact", id, "--kind", "phone"], as: .otherCounsellor).status == 77)
            #expect((try await d.show(id))["contacts"] as? [[String: Any]] != nil)
            #expect(((try await d.show(id))["contacts"] as? [[String: Any]])?.count == 1)

            // A follow-up by hand, due today: listed for its assignee, then done.
            let reason = try d.write("reason.json", #"{"reason": "Hỏi lại về giấy khai sinh của bé"}"#)
            let added = try await d.ok(["followup", "add", id, "--due", today, "--assign-to", Staff.counsellor.name,
                                        "--fields-from", reason, "--json"], as: .counsellor)
            let key = try #require(try JSON.object(added)["key"] as? String)
            let listed = try await d.ok(["followup", "list"], as: .counsellor).stdout
            #expect(listed.contains(key) && listed.contains(id) && !listed.contains("giấy khai sinh"), "no sealed text in the list")
            #expect(try await d.run(["followup", "list", "--centre"], as: .counsellor).status == 77)
            let nextWeek = Self.vietnamDay(6)  // before the high-risk rule's week since today's contact
            let soon = try d.write("soon.json", #"{"reason": "Hẹn gặp lại"}"#)
            try await d.ok(["followup", "add", id, "--due", Self.vietnamDay(5), "--fields-from", soon], as: .counsellor)
            #expect(try await d.ok(["followup", "list", "--json"], as: .counsellor).stdout.components(separatedBy: "\"key\"").count == 2)
            #expect(try await d.ok(["followup", "list", "--through", nextWeek, "--json"], as: .counsellor).stdout
                .components(separatedBy: "\"key\"").count == 3)
            #expect(try await d.ok(["followup", "list", "--centre"], as: .manager).stdout.contains(key))
            #expect(try await d.run(["followup", "add", id, "--due", "2020-01-01", "--fields-from", reason], as: .counsellor).status == 64)
            #expect(try await d.run(["followup", "done", "T-AAAAAAAAAAAA"], as: .counsellor).status == 66)
            try await d.ok(["followup", "done", key], as: .counsellor)
            #expect(!(try await d.ok(["followup", "list"], as: .counsellor).stdout.contains(key)))

            // High risk: the counsellor may not close; she asks, the manager declines, then closes saying why.
            let refused = try await d.run(["case", "close", id, "--outcome", "resolved"], as: .counsellor)
            #expect(refused.status == 77 && refused.stderr.contains("quản lý phê duyệt"))
            try await d.ok(["case", "close", id, "--outcome", "duplicate", "--request", "--reason", "Trùng hồ sơ cũ"], as: .counsellor)
            let waiting = try await d.ok(["followup", "list", "--json"], as: .manager)
            #expect(String(decoding: waiting.stdoutData, as: UTF8.self).contains("closure-request"))
            #expect(try await d.run(["case", "decline-closure", id, "--reason", "Chưa đủ"], as: .counsellor).status == 77)
            try await d.ok(["case", "decline-closure", id, "--reason", "Chưa đủ căn cứ"], as: .manager)
            #expect(try await d.run(["case", "decline-closure", id, "--reason", "Lần nữa"], as: .manager).status == 64)
            #expect(try await d.run(["case", "close", id, "--outcome", "resolved"], as: .manager).status == 64)
            try await d.ok(["case", "close", id, "--outcome", "resolved", "--reason", "Đã ổn định"], as: .manager)
            let history = try await d.ok(["case", "show", id], as: .manager).stdout
            #expect(history.contains("Đề nghị đóng hồ sơ") && history.contains("Không duyệt đóng hồ sơ") && history.contains("Trùng hồ sơ"))
        }
    }

    @Test("her son and her former husband, from the command line; a referral names the son only with her consent to it")
    func family() async throws {
        try await Deployment.with([.manager, .counsellor]) { d in
            let opened = try await d.openCase(["--name", Invented.hoa, "--origin-province", "01", "--destination", "KR",
                                               "--need", "child-birth-registration"])
            let id = opened.id
            let son = try d.write("son.yaml", "name: Kim Min-jun\ndob: 2019-05-20\n")
            let added = try await d.ok(["case", "child", "add", id, "--sex", "male", "--birth-country", "Hàn Quốc", "--registration", "not-registered",
                                        "--nationality", "foreign", "--lives-with-her", "yes", "--need", "child-birth-registration",
                                        "--fields-from", son, "--json"], as: .counsellor)
            let child = try #require(try JSON.object(added)["child"] as? String)
            #expect(try await d.run(["case", "child", "add", id, "--registration", "perhaps"], as: .counsellor).status == 65)
            #expect(try await d.run(["case", "child", "add", id, "--need", "shelter"], as: .counsellor).status == 64)
            #expect(try await d.run(["case", "child", "update", id, "F-NOTACHILD000", "--registration", "registered"], as: .counsellor).status == 64)
            let husband = try d.write("husband.yaml", "name: Park Ji-hoon\n")
            try await d.ok(["case", "spouse", "add", id, "--relation", "former-spouse", "--nationality", "KR", "--fields-from", husband],
                           as: .counsellor)
            let spouse = try #require(((try await d.show(id))["spouses"] as? [[String: Any]])?.first?["id"] as? String)
            try await d.ok(["case", "spouse", "update", id, spouse, "--nationality", "Đài Loan"], as: .counsellor)
            let shown = try await d.ok(["case", "show", id], as: .counsellor).stdout
            #expect(shown.contains("Kim Min-jun") && shown.contains("20/05/2019") && shown.contains("Chưa đăng ký khai sinh tại Việt Nam"))
            #expect(shown.contains("Chồng cũ") && shown.contains("Park Ji-hoon") && shown.contains(child) && shown.contains("Đài Loan"))

            // Consent to the Justice office without `children`: refused (77); with it, the letter names her son.
            try await d.ok(["consent", "give", id, "--purpose", "referral", "--agency-kind", "justice",
                            "--fields", "name,other_names,dob,id_number,passport,origin_province,destination"], as: .counsellor)
            let refused = try await d.run(["referral", "create", id, "--agency", "vn-moj-hanoi", "--service", "child-birth-registration"],
                                          as: .counsellor)
            #expect(refused.status == 77)
            try await d.ok(["consent", "give", id, "--purpose", "referral", "--agency-kind", "justice"], as: .counsellor)
            try await d.ok(["referral", "create", id, "--agency", "vn-moj-hanoi", "--service", "child-birth-registration"], as: .counsellor)
            let letter = try await d.ok(["referral", "send", "\(id)-R1", "--letter", "--out", d.directory.appendingPathComponent("letter.html").path],
                                        as: .counsellor)
            #expect(letter.status == 0)
            let html = try String(contentsOf: d.directory.appendingPathComponent("letter.html"), encoding: .utf8)
            #expect(html.contains("Kim Min-jun") && html.contains("20/05/2019"))

            try await d.ok(["case", "child", "update", id, child, "--registration", "in-progress"], as: .counsellor)
            #expect(try await d.ok(["case", "show", id, "--lang", "en"], as: .counsellor).stdout.contains("Registration in progress"))
        }
    }
}

extension CaseworkCommandTests {
    @Test("a document checklist and an encrypted file, from the command line; the file comes back only to her centre")
    func documents() async throws {
        try await Deployment.with([.manager, .counsellor, .otherCounsellor]) { d in
            let id = try await d.openCase(["--name", Invented.hoa]).id
            try await d.ok(["case", "document", id, "--code", "foreign-divorce-judgment", "--status", "needs"], as: .counsellor)
            #expect(try await d.run(["case", "document", id, "--code", "diploma", "--status", "needs"], as: .counsellor).status == 65)
            let scan = try d.write("scan.bin", "%PDF-1.7 Bản án ly hôn (bản chụp thử)")
            let title = try d.write("title.yaml", "title: ban-an-ly-hon.pdf\n")
            let attached = try await d.ok(["case", "attach", id, "--file", scan, "--document", "foreign-divorce-judgment",
                                           "--media-type", "application/pdf", "--fields-from", title, "--json"], as: .counsellor)
            let attachment = try #require(try JSON.object(attached)["attachment"] as? String)
            let shown = try await d.ok(["case", "show", id], as: .counsellor).stdout
            #expect(shown.contains("ban-an-ly-hon.pdf") && shown.contains(attachment) && shown.contains("Cần: Bản án, quyết định ly hôn của nước ngoài"))
            let out = d.directory.appendingPathComponent("copy.pdf").path
            try await d.ok(["case", "attachment", id, attachment, "--out", out], as: .counsellor)
            #expect(try String(contentsOfFile: out, encoding: .utf8) == "%PDF-1.7 Bản án ly hôn (bản chụp thử)")
            let mode = try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            #expect(try await d.run(["case", "attachment", id, attachment, "--out", out], as: .counsellor).status == 73, "never overwrites")
            #expect(try await d.run(["case", "attachment", id, attachment, "--out", out + "2"], as: .otherCounsellor).status == 77)
            #expect(try await d.run(["case", "attach", id, "--file", d.directory.appendingPathComponent("missing").path], as: .counsellor).status == 66)
            // Nothing of the file is in the database in the clear.
            for path in d.databaseFiles {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                #expect(bytes.range(of: Data("Bản án ly hôn".utf8)) == nil && bytes.range(of: Data("ban-an-ly-hon".utf8)) == nil)
            }
        }
    }
}

extension CaseworkCommandTests {
    @Test("a case plan and the services delivered against it, from the command line")
    func plan() async throws {
        try await Deployment.with([.manager, .counsellor]) { d in
            let id = try await d.openCase(["--name", Invented.hoa, "--need", "divorce-recognition", "--need", "psychosocial"]).id
            let text = try d.write("goal.yaml", "description: Ghi chú ly hôn tại Sở Tư pháp\n")
            let goal = try #require(try JSON.object(try await d.ok(["case", "plan", "goal", id, "--need", "divorce-recognition",
                                                                    "--responsible", Staff.counsellor.name, "--fields-from", text, "--json"],
                                                                   as: .counsellor))["goal"] as? String)
            try await d.ok(["case", "plan", "service", id, goal, "--service", "legal-advice"], as: .counsellor)
            try await d.ok(["case", "service", id, "--service", "document-assistance", "--outcome", "completed", "--agency", "vn-moj-hanoi",
                            "--goal", goal], as: .counsellor)
            try await d.ok(["case", "plan", "status", id, goal, "--status", "met"], as: .counsellor)
            #expect(try await d.run(["case", "plan", "goal", id, "--need", "shelter"], as: .counsellor).status == 64)
            #expect(try await d.run(["case", "service", id, "--service", "massage", "--outcome", "completed"], as: .counsellor).status == 65)
            #expect(try await d.run(["case", "service", id, "--service", "legal-aid", "--outcome", "completed", "--agency", "nowhere"],
                                    as: .counsellor).status == 66)
            #expect(try await d.run(["case", "plan", "status", id, "J-NOTAGOAL0000", "--status", "met"], as: .counsellor).status == 64)
            let shown = try await d.ok(["case", "show", id], as: .counsellor).stdout
            #expect(shown.contains("Kế hoạch hỗ trợ") && shown.contains("Ghi chú ly hôn tại Sở Tư pháp") && shown.contains("Đã đạt"))
            #expect(shown.contains("Hỗ trợ làm giấy tờ") && shown.contains("vn-moj-hanoi · Đã hoàn thành"))
        }
    }
}

extension CaseworkCommandTests {
    @Test("a transfer to another centre from the command line: requested, listed, accepted; the old centre can no longer read her")
    func transfer() async throws {
        try await Deployment.with([.manager, .counsellor, .otherCounsellor]) { d in
            let id = try await d.openCase(["--name", Invented.hoa]).id
            // The other centre needs a manager to accept.
            try await d.ok(["user", "add", "minh", "--role", "manager", "--centre", Deployment.otherCentre, "--recovery-key-file", d.recoveryKeyPath],
                           as: .admin, newPassphrase: "minh-manager-passphrase")
            let minh = Staff(name: "minh", passphrase: "minh-manager-passphrase")
            #expect(try await d.run(["transfer", "request", id, "--centre", Deployment.otherCentre, "--reason", "Chuyển nhà"], as: .counsellor).status == 77)
            #expect(try await d.run(["transfer", "request", id, "--centre", "XX-NOWHERE", "--reason", "Chuyển nhà"], as: .manager).status == 66)
            let requested = try await d.ok(["transfer", "request", id, "--centre", Deployment.otherCentre, "--reason", "Chuyển nhà", "--json"], as: .manager)
            let transfer = try #require(try JSON.object(requested)["transfer"] as? String)
            #expect(requested.stderr.contains("--fields-from"), "a reason on argv is personal data on argv: warned")
            #expect(try await d.ok(["transfer", "list", "--pending"], as: minh).stdout.contains(transfer))
            #expect(try await d.run(["transfer", "accept", transfer], as: .manager).status == 77)
            try await d.ok(["transfer", "accept", transfer], as: minh)
            #expect(try await d.run(["transfer", "accept", transfer], as: minh).status == 64)
            #expect(try await d.ok(["case", "show", id], as: .otherCounsellor).stdout.contains(Invented.hoa))
            #expect(try await d.run(["case", "show", id], as: .counsellor).status == 77)
            #expect(try await d.ok(["transfer", "list"], as: .manager).stdout.contains("Đã tiếp nhận"))
            // Declined: nothing moves.
            let stays = try await d.openCase(["--name", Invented.hoa, "--phone", "0977000222"]).id
            let second = try #require(try JSON.object(try await d.ok(["transfer", "request", stays, "--centre", Deployment.otherCentre,
                                                                     "--reason", "Chuyển nhà", "--json"], as: .manager))["transfer"] as? String)
            try await d.ok(["transfer", "decline", second], as: minh)
            #expect(try await d.ok(["transfer", "list"], as: minh).stdout.contains("Đã từ chối"))
            #expect(try await d.ok(["case", "show", stays], as: .counsellor).stdout.contains(Invented.hoa))
            // One case only, the reason from standard input: her other case stays.
            let person = try await d.openCase(["--name", "Lê Thị Hai Hồ Sơ"])
            let other = try await d.openCase(["--person", person.person])
            let reason = try d.write("reason.yaml", "reason: Chỉ hồ sơ con gái chuyển về Cần Thơ\n")
            let single = try await d.ok(["transfer", "request", other.id, "--centre", Deployment.otherCentre, "--case-only", "--fields-from", reason,
                                         "--json"], as: .manager)
            #expect(!single.stderr.contains("argv") && !single.stderr.contains("--fields-from"), "no warning when the reason is not on argv")
            try await d.ok(["transfer", "accept", try #require(try JSON.object(single)["transfer"] as? String)], as: minh)
            #expect(try await d.ok(["case", "show", other.id], as: .otherCounsellor).stdout.contains("Lê Thị Hai Hồ Sơ"))
            #expect(try await d.ok(["case", "show", person.id], as: .counsellor).stdout.contains("Lê Thị Hai Hồ Sơ"))
            #expect(try await d.run(["case", "show", person.id], as: .otherCounsellor).status == 77)
        }
    }
}

extension CaseworkCommandTests {
    @Test("an assessment from the command line: the form listed, her answers from a file, the risk set, refusals")
    func assess() async throws {
        try await Deployment.with([.manager, .counsellor, .otherCounsellor]) { d in
            let id = try await d.openCase(["--name", Invented.hoa]).id
            let form = try JSON.object(try await d.ok(["policy", "assessment", "safety", "--json"], as: .counsellor))
            let questions = try #require(form["questions"] as? [[String: Any]]).compactMap { $0["code"] as? String }
            #expect(questions.contains("threat-to-kill") && form["sets_case_risk"] as? Bool == true)
            let answers = questions.map { "  - \($0)=\($0 == "threat-to-kill" ? "yes" : "no")" }.joined(separator: "\n")
            let file = try d.write("answers.yaml", "answer:\n\(answers)\nnote: Chị kể lại lời đe dọa\n")
            let result = try JSON.object(try await d.ok(["case", "assess", id, "--form", "safety", "--fields-from", file, "--json"], as: .counsellor))
            #expect(result["level"] as? String == "high" && result["suggested_level"] as? String == "high" && result["score"] as? String == "3")
            let shown = try await d.ok(["case", "show", id], as: .counsellor).stdout
            #expect(shown.contains("Đánh giá an toàn và rủi ro: Cao") && shown.contains("Chị kể lại lời đe dọa"))
            // Her subject export carries the assessment: answers, level, note.
            let jsonPath = d.directory.appendingPathComponent("her-data.json").path
            try await d.ok(["subject", "export", id, "--out", jsonPath], as: .counsellor)
            let exported = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: jsonPath))) as? [String: Any])
            let assessment = try #require(((exported["cases"] as? [[String: Any]])?.first?["assessments"] as? [[String: Any]])?.first)
            #expect(assessment["level"] as? String == "high" && assessment["note"] as? String == "Chị kể lại lời đe dọa")
            #expect((assessment["answers"] as? [String: String])?["threat-to-kill"] == "yes")
            // Answers on argv work for scripts, with the warning; a half form is refused (64).
            let argv = try await d.run(["case", "assess", id, "--form", "trafficking-indicators", "--answer", "confinement=yes"], as: .counsellor)
            #expect(argv.status == 64 && argv.stderr.contains("--answer"))
            #expect(try await d.run(["case", "assess", id, "--form", "mood", "--fields-from", file], as: .counsellor).status == 65)
            // Lowering the suggested level needs a note saying why.
            let bare = try d.write("bare.yaml", "answer:\n\(answers)\n")
            #expect(try await d.run(["case", "assess", id, "--form", "safety", "--fields-from", bare, "--level", "low"], as: .counsellor).status == 64)
            #expect(try await d.run(["case", "assess", id, "--form", "safety", "--fields-from", file], as: .otherCounsellor).status == 77)
            #expect(try await d.run(["policy", "assessment", "mood"], as: .counsellor).status == 65)
        }
    }
}

extension CaseworkCommandTests {
    @Test("a duplicate merged from the command line by a manager; the duplicate's id then says where she went")
    func merge() async throws {
        try await Deployment.with([.manager, .counsellor, .otherCounsellor]) { d in
            let kept = try await d.openCase(["--name", Invented.hoa])
            let duplicate = try await d.openCase(["--name", "Nguyen Thi Hoa", "--phone", "0977000111"])
            #expect(try await d.run(["case", "merge", duplicate.id, "--into", kept.id], as: .counsellor).status == 77)
            #expect(try await d.run(["case", "merge", duplicate.id, "--into", "HN-OSSO-2026-99999"], as: .manager).status == 66)
            #expect(try await d.run(["case", "merge", duplicate.id, "--into", duplicate.id], as: .manager).status == 64)
            let merged = try JSON.object(try await d.ok(["case", "merge", duplicate.id, "--into", kept.id, "--json"], as: .manager))
            #expect(merged["kept"] as? String == kept.person && merged["cases"] as? String == duplicate.id)
            let shown = try await d.ok(["case", "show", duplicate.id], as: .counsellor).stdout
            #expect(shown.contains(Invented.hoa) && shown.contains("0977000111") && shown.contains("Gộp hồ sơ trùng"))
            let again = try await d.run(["case", "merge", duplicate.person, "--into", kept.id], as: .manager)
            #expect(again.status == 66 && again.stderr.contains(kept.person))
        }
    }
}
