import Foundation
import Testing

/// Human output shows every code by its label from `policy/codes` (or the catalogue), days as
/// dd/mm/yyyy, and never a raw code (issue 13); `--json` keeps the codes for machines.
@Suite("Labels")
struct LabelTests {
    @Test("case show in Vietnamese names programme, province, country, migration, risk, need and status by their labels")
    func caseShowUsesLabels() async throws {
        try await Deployment.with([.soloCounsellor]) { d in
            let opened = try await d.openCase(["--name", Invented.hoa, "--origin-province", "31", "--destination", "KR",
                                               "--migration", "marriage", "--need", "divorce-recognition", "--risk", "high"])
            let json = try await d.show(opened.id)
            let openedOn = try #require(json["opened_on"] as? String)
            let parts = openedOn.split(separator: "-")
            let day = "\(parts[2])/\(parts[1])/\(parts[0])"
            let shown = try await d.ok(["case", "show", opened.id], as: .counsellor).stdout
            for label in ["Hải Phòng", "Hàn Quốc", "hồi hương", "Di cư kết hôn", "Cao", "Mới mở", day, "Mở hồ sơ"] {
                #expect(shown.contains(label), "missing \(label)")
            }
            for line in shown.split(separator: "\n") {
                let value = line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                #expect(!["31", "KR", "returnee", "marriage", "high", "open", "divorce-recognition", openedOn].contains(value),
                        "raw code shown: \(line)")
            }
            #expect(!shown.contains("returnee") && !shown.contains(openedOn))

            // A high-risk case needs a manager to close it; at medium risk its counsellor may.
            try await d.ok(["case", "update", opened.id, "--risk", "medium"], as: .counsellor)
            try await d.ok(["case", "close", opened.id, "--outcome", "resolved"], as: .counsellor)
            try await d.ok(["case", "reopen", opened.id, "--reason", "Có thêm giấy tờ"], as: .counsellor)
            let reopened = try await d.ok(["case", "show", opened.id], as: .counsellor).stdout
            for label in ["Đang xử lý", "Đóng hồ sơ", "Mở lại hồ sơ", "Đã giải quyết"] { #expect(reopened.contains(label), "missing \(label)") }

            let english = try await d.ok(["case", "show", opened.id, "--lang", "en"], as: .counsellor).stdout
            for label in ["South Korea", "Marriage migration", "Medium", "Active", day] { #expect(english.contains(label), "missing \(label)") }

            #expect(json["destination"] as? String == "KR" && json["programme"] as? String == "returnee")
        }
    }

    @Test("lists, the audit log, the ledger and association pages speak in labels, days as dd/mm/yyyy and Vietnam time")
    func listsUseLabels() async throws {
        try await Deployment.with([.manager, .counsellor, .statistician]) { d in
            let opened = try await d.openCase(["--name", Invented.hoa, "--destination", "KR", "--risk", "high",
                                               "--need", "divorce-recognition"])
            // A timestamp stored as ISO 8601 UTC (…T…Z) must never be shown as it is.
            let isoInstant = #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"#
            let shownTime = #"\d{2}/\d{2}/\d{4} \d{2}:\d{2}"#

            let list = try await d.ok(["case", "list"], as: .counsellor).stdout
            #expect(list.contains(opened.id) && list.contains("Cao") && list.contains("Mới mở") && list.contains("hồi hương"))
            #expect(!list.contains("returnee") && !list.contains("\thigh\t"))

            try await d.ok(["consent", "give", opened.id, "--purpose", "referral", "--agency-kind", "justice"], as: .counsellor)
            let consents = try await d.ok(["consent", "list", opened.id], as: .counsellor).stdout
            #expect(consents.contains("Chuyển gửi") && consents.range(of: #"\d{2}/\d{2}/\d{4}"#, options: .regularExpression) != nil)

            try await d.ok(["referral", "create", opened.id, "--agency", "vn-moj-hanoi", "--service", "divorce-recognition"], as: .counsellor)
            let referrals = try await d.ok(["referral", "list"], as: .counsellor).stdout
            #expect(referrals.contains("Chờ trung ương duyệt") || referrals.contains("Sẵn sàng gửi"), "\(referrals)")
            #expect(!referrals.contains("pending-review") && !referrals.contains("\tready\t"))
            #expect(referrals.range(of: shownTime, options: .regularExpression) != nil)
            #expect(referrals.range(of: isoInstant, options: .regularExpression) == nil && !referrals.contains("divorce-recognition"))

            let log = try await d.ok(["audit", "log"], as: .manager).stdout
            #expect(log.range(of: shownTime, options: .regularExpression) != nil && log.range(of: isoInstant, options: .regularExpression) == nil)

            try await d.ok(["stats", "export", "--by", "destination", "--format", "json"], as: .statistician)
            let ledger = try await d.ok(["stats", "ledger"], as: .statistician).stdout
            #expect(ledger.range(of: shownTime, options: .regularExpression) != nil && ledger.range(of: isoInstant, options: .regularExpression) == nil)

            let association = try JSON.object(try await d.ok(["association", "add", "--name", "Hội Phụ nữ Việt Nam tại Incheon", "--country", "KR",
                                                              "--founded", "2019-05", "--json"], as: .counsellor))
            let id = try #require(association["id"] as? String)
            try await d.ok(["association", "activity", id, "--date", "2026-03-08", "--kind", "event", "--participants", "40"], as: .counsellor)
            let page = try await d.ok(["association", "show", id], as: .counsellor).stdout
            for label in ["Hàn Quốc", "08/03/2026", "Sự kiện cộng đồng", "Đang hoạt động"] { #expect(page.contains(label), "missing \(label)") }
            #expect(!page.contains(": KR") && !page.contains("2026-03-08"))
            let associations = try await d.ok(["association", "list"], as: .counsellor).stdout
            #expect(associations.contains("Hàn Quốc") && !associations.contains("\tKR\t"))
        }
    }

    @Test("the directory, routing suggestions, centres, users and the association report speak in labels (issue 13)")
    func directoryUsesLabels() async throws {
        try await Deployment.with([.manager, .counsellor, .statistician]) { d in
            try await d.ok(["agency", "add", "kr-hana", "--name", "Hana Center", "--kind", "foreign-counterpart",
                            "--service", "divorce-recognition", "--country", "KR", "--province", "31"], as: .manager)
            let show = try await d.ok(["agency", "show", "kr-hana"], as: .manager).stdout
            for label in ["Đối tác nước ngoài", "Hàn Quốc", "Hải Phòng", "Tên cơ quan: Hana Center"] { #expect(show.contains(label), "missing \(label)") }
            for raw in ["foreign-counterpart", ": KR", ": 31", "divorce-recognition", "kind:", "name:"] { #expect(!show.contains(raw), "raw \(raw)") }
            let list = try await d.ok(["agency", "list"], as: .manager).stdout
            #expect(list.contains("kr-hana\tĐối tác nước ngoài") && !list.contains("\tforeign-counterpart\t"))

            let opened = try await d.openCase(["--name", Invented.hoa, "--destination", "KR", "--need", "divorce-recognition"])
            let suggested = try await d.ok(["referral", "suggest", opened.id], as: .counsellor).stdout
            let rows = suggested.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            #expect(!rows.isEmpty)
            for row in rows {
                // rule id, agency id, then the service and priority by their labels.
                #expect(row.count == 6 && row[2] != "divorce-recognition" && !Set(["normal", "urgent", "emergency"]).contains(row[3]), "\(row)")
            }
            let suggestedJSON = try await d.ok(["referral", "suggest", opened.id, "--json"], as: .counsellor).stdout
            #expect(suggestedJSON.contains("divorce-recognition"))

            let centres = try await d.ok(["centre", "list"], as: .manager).stdout
            #expect(centres.contains("Văn phòng một cửa (OSSO)") || centres.contains("Trung tâm tư vấn hôn nhân"), "\(centres)")
            let users = try await d.ok(["user", "list"], as: .manager).stdout
            #expect(users.contains("Tư vấn viên") && !users.contains("\tcounsellor\t"))

            let association = try JSON.object(try await d.ok(["association", "add", "--name", "Hội Phụ nữ Việt Nam tại Đài Bắc", "--country", "TW",
                                                              "--json"], as: .counsellor))
            let id = try #require(association["id"] as? String)
            try await d.ok(["association", "activity", id, "--date", "2026-03-08", "--kind", "event"], as: .counsellor)
            let report = try await d.ok(["association", "report"], as: .statistician).stdout
            #expect(report.contains("Đài Loan") && report.contains("Sự kiện cộng đồng") && !report.contains("  TW\t") && !report.contains("  event\t"))
        }
    }
}
