import Cases
import Foundation
import Testing
import Views

/// What people read: days as dd/mm/yyyy, times in Vietnam's time zone, codes by their labels.
@Suite struct DisplayTests {
    static let policy: Policy = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try! Policy.load(from: root.appendingPathComponent("policy"))
    }()

    @Test func daysAndTimesAsPeopleInVietnamReadThem() {
        #expect(DisplayFormat.day("2026-11-05") == "05/11/2026")
        #expect(DisplayFormat.day("not a day") == "not a day")
        // UTC+7 all year: late evening in UTC is the next morning in Hà Nội, across a year end.
        #expect(DisplayFormat.time("2026-12-15T21:28:04Z") == "16/12/2026 04:28")
        #expect(DisplayFormat.time("2026-12-31T17:00:00Z") == "01/01/2027 00:00")
        #expect(DisplayFormat.time("2026-06-30T16:59:59Z") == "30/06/2026 23:59")
        #expect(DisplayFormat.time("2026-02-28") == "28/02/2026")
        #expect(DisplayFormat.time("yesterday evening") == "yesterday evening")
    }

    @Test func codesShowTheirLabels() {
        let vi = CodeLabels(policy: Self.policy, lang: .vi)
        let en = CodeLabels(policy: Self.policy, lang: .en)
        #expect(vi.country("KR") == "Hàn Quốc" && en.country("KR") == "South Korea")
        #expect(vi.province("31") == "Hải Phòng")
        #expect(vi.status(.active) == "Đang xử lý" && en.status(.open) == "Open")
        #expect(vi.referralStatus(.pendingReview) == "Chờ trung ương duyệt")
        #expect(vi.historyStep("reopened") == "Mở lại hồ sơ")
        #expect(vi.associationStatus("dissolved") == "Đã giải thể")
        // A code missing from its list shows as itself rather than as nothing.
        #expect(vi.country("ZZ") == "ZZ" && vi.historyStep("something-new") == "something-new")
        // Every programme and risk level has a label of its own.
        for programme in Programme.allCases { #expect(vi.programme(programme) != programme.rawValue) }
        for risk in RiskLevel.allCases { #expect(en.risk(risk) != risk.rawValue) }
    }

    @Test func oneLabelTableForDisclosedFields() {
        for field in DisclosableField.allCases {
            #expect(!field.label(.vi).isEmpty && field.label(.vi) != field.label(.en), "\(field)")
        }
        #expect(DisclosableField.name.label(.vi) == Text.field(.name).text(.vi))
    }
}
