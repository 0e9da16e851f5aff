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

            try await d.ok(["case", "close", opened.id, "--outcome", "resolved"], as: .counsellor)
            try await d.ok(["case", "reopen", opened.id, "--reason", "Có thêm giấy tờ"], as: .counsellor)
            let reopened = try await d.ok(["case", "show", opened.id], as: .counsellor).stdout
            for label in ["Đang xử lý", "Đóng hồ sơ", "Mở lại hồ sơ", "Đã giải quyết"] { #expect(reopened.contains(label), "missing \(label)") }

            let english = try await d.ok(["case", "show", opened.id, "--lang", "en"], as: .counsellor).stdout
            for label in ["South Korea", "Marriage migration", "High", "Active", day] { #expect(english.contains(label), "missing \(label)") }

            #expect(json["destination"] as? String == "KR" && json["programme"] as? String == "returnee")
        }
    }
}
