import Hummingbird
import HummingbirdTesting
import Testing
import Cases
@testable import Web

/// Every route as docs/WEB.md says: anonymous → 303 to /login; wrong role → 403; another
/// centre → 403 with nothing of the record; a missing or wrong CSRF token → 403; and the happy
/// path of a counsellor's day. Names are invented.
@Suite struct RouteTests {
    static let name = "Trần Thị Bích Ngọc"
    static let getRoutes = ["/", "/cases", "/cases/new", "/cases/HN-OSSO-2026-00001", "/cases/HN-OSSO-2026-00001/edit", "/find",
                            "/me/passphrase", "/admin/users", "/admin/centres", "/cases/HN-OSSO-2026-00001/attachments/G-AAAAAAAAAAAA",
                            "/review"]
    static let postRoutes = ["/cases", "/cases/HN-OSSO-2026-00001/edit", "/cases/HN-OSSO-2026-00001/notes", "/cases/HN-OSSO-2026-00001/assign",
                             "/cases/HN-OSSO-2026-00001/close", "/cases/HN-OSSO-2026-00001/reopen",
                             "/cases/HN-OSSO-2026-00001/contacts", "/cases/HN-OSSO-2026-00001/followups", "/cases/HN-OSSO-2026-00001/followups/done",
                             "/cases/HN-OSSO-2026-00001/close-request", "/cases/HN-OSSO-2026-00001/decline-closure",
                             "/cases/HN-OSSO-2026-00001/children", "/cases/HN-OSSO-2026-00001/children/update",
                             "/cases/HN-OSSO-2026-00001/spouses", "/cases/HN-OSSO-2026-00001/spouses/update",
                             "/cases/HN-OSSO-2026-00001/documents", "/cases/HN-OSSO-2026-00001/plan/goals",
                             "/cases/HN-OSSO-2026-00001/plan/status", "/cases/HN-OSSO-2026-00001/plan/services",
                             "/cases/HN-OSSO-2026-00001/services", "/cases/HN-OSSO-2026-00001/assessments", "/cases/HN-OSSO-2026-00001/merge", "/cases/HN-OSSO-2026-00001/transfer", "/transfers/W-AAAAAAAAAAAA/accept",
                             "/transfers/W-AAAAAAAAAAAA/decline", "/review/HN-OSSO-2026-00001-R1/approve", "/review/HN-OSSO-2026-00001-R1/return",
                             "/review/HN-OSSO-2026-00001-R1/after", "/find", "/me/passphrase",
                             "/admin/users", "/admin/users/hoa/remove", "/admin/users/hoa/grant", "/admin/centres"]

    /// Opens a case through the form as the browser's user; returns its id.
    static func openCase(_ browser: Browser, name: String = name) async throws -> String {
        try await browser.get("/cases/new")
        let opened = try await browser.post("/cases", [("programme", "returnee"), ("name", name), ("phone", "0912 345 678"),
                                                       ("phone", "+82 10 1234 5678"), ("need", "legal-counselling"), ("need", "divorce-recognition"),
                                                       ("origin-province", "hai phong"), ("destination", "Hàn Quốc"), ("risk", "high"),
                                                       ("new-person", "1")])
        guard opened.status == .seeOther, let location = opened.location, location.hasPrefix("/cases/HN-OSSO-") else {
            Issue.record("the case was not opened: \(opened.status)")
            return ""
        }
        return String(location.dropFirst("/cases/".count).prefix { $0 != "?" })
    }

    @Test func anonymousRequestsGoToTheLoginPage() async throws {
        try await WebFixture().test { browser in
            for route in Self.getRoutes {
                let page = try await browser.get(route)
                #expect(page.status == .seeOther && page.location == "/login", "\(route)")
            }
            for route in Self.postRoutes + ["/logout", "/cases/HN-OSSO-2026-00001/attachments"] {
                let page = try await browser.post(route, [("x", "y")], csrf: "0")
                #expect(page.status == .seeOther && page.location == "/login", "\(route)")
            }
            let login = try await browser.get("/login")
            #expect(login.status == .ok && login.body.contains("name=\"passphrase\""))
            #expect(login.headers[.contentSecurityPolicy] != nil && login.headers[values: .init("X-Frame-Options")!] == ["DENY"])
        }
    }

    @Test func postsWithoutTheSessionsCsrfTokenAreRefused() async throws {
        try await WebFixture().test { browser in
            // The login form itself needs its token.
            try await browser.get("/login")
            #expect(try await browser.post("/login", [("user", "hoa"), ("passphrase", WebFixture.passphrase("hoa"))], csrf: .some(nil)).status == .forbidden)
            #expect(try await browser.logIn("hoa").status == .seeOther)
            try await browser.get("/")
            let good = try #require(browser.token)
            for route in Self.postRoutes + ["/logout"] {
                #expect(try await browser.post(route, [("text", "x")], csrf: .some(nil)).status == .forbidden, "\(route) without a token")
                #expect(try await browser.post(route, [("text", "x")], csrf: String(repeating: "0", count: good.count)).status == .forbidden,
                        "\(route) with a wrong token")
            }
            // Still logged in: nothing above ended the session.
            #expect(try await browser.get("/").status == .ok)
        }
    }

    @Test func rolesAndCentresSeeOnlyWhatTheyMay() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            try await browser.logIn("hoa")
            let id = try await Self.openCase(browser)
            try await browser.post("/logout", [])

            // Another centre's manager: 403 and nothing of the record, on every route about it.
            try await browser.logIn("mai")
            for route in ["/cases/\(id)", "/cases/\(id)/edit"] {
                let page = try await browser.get(route)
                #expect(page.status == .forbidden, "\(route)")
                #expect(!page.body.contains(Self.name) && !page.body.contains("0912") && !page.body.contains(id), "\(route) leaks")
            }
            try await browser.get("/")
            for (route, fields) in [("/cases/\(id)/notes", [("text", "x")]), ("/cases/\(id)/close", [("outcome", "resolved")]),
                                    ("/cases/\(id)/assign", [("to", "mai")]), ("/cases/\(id)/contacts", [("kind", "phone"), ("date", Now.vietnamToday())]),
                                    ("/cases/\(id)/followups", [("due", Now.vietnamToday()), ("reason", "x")]),
                                    ("/cases/\(id)/close-request", [("outcome", "resolved"), ("reason", "x")]),
                                    ("/cases/\(id)/decline-closure", [("decline-reason", "x")])] {
                let page = try await browser.post(route, fields)
                #expect(page.status == .forbidden && !page.body.contains(Self.name), "\(route)")
            }
            #expect(!(try await browser.get("/cases").body.contains(id)))
            try await browser.post("/logout", [])

            // Roles that never work cases: 403, no name.
            for user in ["thu", "trung", "root"] {
                try await browser.logIn(user)
                for route in ["/cases", "/cases/new", "/cases/\(id)"] {
                    let page = try await browser.get(route)
                    #expect(page.status == .forbidden && !page.body.contains(Self.name), "\(user) \(route)")
                }
                #expect(try await browser.get("/").status == .ok, "\(user) dashboard")
                try await browser.post("/logout", [])
            }
            // A counsellor does not administer.
            try await browser.logIn("hoa")
            #expect(try await browser.get("/admin/centres").status == .forbidden)
            #expect(try await browser.get("/admin/users").status == .forbidden)
            #expect(try await browser.get("/cases/HN-OSSO-2099-99999").status == .notFound)
        }
    }

    @Test func aCounsellorsDayOpenFindNoteEditCloseReopen() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            #expect(try await browser.logIn("hoa", passphrase: "wrong passphrase").status == .unauthorized)
            #expect(try await browser.logIn("hoa").status == .seeOther)
            let dashboard = try await browser.get("/")
            #expect(dashboard.status == .ok && dashboard.body.contains("Hồ sơ tôi phụ trách"))

            // A form with a problem comes back with the input kept and the problem by its field.
            try await browser.get("/cases/new")
            let refused = try await browser.post("/cases", [("programme", "returnee"), ("phone", "0912 000 111"), ("origin-province", "hai phong")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("id=\"name-error\"") && refused.body.contains("0912 000 111") && refused.body.contains("hai phong"))

            let id = try await Self.openCase(browser)
            let page = try await browser.get("/cases/\(id)?done=opened")
            for shown in [Self.name, "0912 345 678", "+82 10 1234 5678", "Hải Phòng", "Hàn Quốc", "hồi hương", "Cao", "Mới mở"] {
                #expect(page.body.contains(shown), "missing \(shown)")
            }
            #expect(page.headers[.cacheControl] == "no-store")

            // Found by name without diacritics and in another order; by phone.
            try await browser.get("/find")
            let found = try await browser.post("/find", [("name", "ngoc tran thi bich")])
            #expect(found.status == .ok && found.body.contains(id))
            #expect(try await browser.post("/find", [("phone", "0912345678")]).body.contains(id))
            #expect(try await browser.post("/find", [("name", "a"), ("phone", "1")]).status == .unprocessableContent)

            try await browser.get("/cases/\(id)")
            let noted = try await browser.post("/cases/\(id)/notes", [("text", "Đã gọi điện; hẹn gặp thứ Hai.")])
            #expect(noted.status == .seeOther)
            #expect(try await browser.get("/cases/\(id)").body.contains("Đã gọi điện; hẹn gặp thứ Hai."))
            #expect(try await browser.post("/cases/\(id)/notes", [("text", "  ")]).status == .unprocessableContent)

            // Edit: one need removed, one phone removed and another added; the other need stays.
            let edit = try await browser.get("/cases/\(id)/edit")
            #expect(edit.body.contains("name=\"had-need\" value=\"divorce-recognition\""))
            let edited = try await browser.post("/cases/\(id)/edit", [("had-need", "legal-counselling"), ("had-need", "divorce-recognition"),
                                                                      ("need", "divorce-recognition"), ("remove-phone", "0912 345 678"),
                                                                      ("add-phone", "0987 654 321"), ("was-risk", "high"), ("risk", "high")])
            #expect(edited.status == .seeOther)
            let after = try await browser.get("/cases/\(id)")
            #expect(after.body.contains("0987 654 321") && !after.body.contains("0912 345 678") && after.body.contains("+82 10 1234 5678"))

            // High risk: the counsellor asks a manager, who closes it saying why.
            let closing = try await browser.get("/cases/\(id)")
            #expect(closing.body.contains("action=\"/cases/\(id)/close-request\"") && !closing.body.contains("action=\"/cases/\(id)/close\""))
            #expect(try await browser.post("/cases/\(id)/close", [("outcome", "resolved")]).status == .forbidden)
            #expect(try await browser.post("/cases/\(id)/close-request", [("outcome", "resolved")]).status == .unprocessableContent)
            #expect(try await browser.post("/cases/\(id)/close-request", [("outcome", "resolved"), ("reason", "Đã ổn định")]).status == .seeOther)
            #expect(try await browser.get("/cases/\(id)").body.contains("Đề nghị đóng hồ sơ đang chờ duyệt"))
            try await browser.post("/logout", [])
            try await browser.logIn("lan")
            let managerHome = try await browser.get("/")
            #expect(managerHome.body.contains("Đề nghị đóng hồ sơ chờ duyệt") && managerHome.body.contains(id))
            try await browser.get("/cases/\(id)")
            #expect(try await browser.post("/cases/\(id)/close", [("outcome", "resolved")]).status == .unprocessableContent)
            #expect(try await browser.post("/cases/\(id)/close", [("outcome", "resolved"), ("reason", "Đồng ý")]).status == .seeOther)
            #expect(try await browser.get("/cases/\(id)").body.contains("Đã đóng"))
            #expect(try await browser.post("/cases/\(id)/close", [("outcome", "resolved")]).status == .badRequest)
            try await browser.post("/logout", [])
            try await browser.logIn("hoa")
            try await browser.get("/cases/\(id)")
            #expect(try await browser.post("/cases/\(id)/reopen", [("reason", "Có giấy tờ mới")]).status == .seeOther)
            #expect(try await browser.get("/cases/\(id)").body.contains("Mở lại hồ sơ"))

            let list = try await browser.get("/cases?status=active")
            #expect(list.body.contains(id) && !list.body.contains(Self.name))

            // Logout: the old cookie no longer works.
            let cookie = try #require(browser.cookies["caunoi"])
            #expect(try await browser.post("/logout", []).location == "/login")
            browser.setCookie("caunoi", cookie)
            #expect(try await browser.get("/cases/\(id)").location == "/login")
        }
    }

    @Test func contactsAndFollowUpsFromTheCasePageToTheDashboard() async throws {
        try await WebFixture().test { browser in
            try await browser.logIn("hoa")
            let id = try await Self.openCase(browser)
            let today = Now.vietnamToday()
            try await browser.get("/cases/\(id)")
            let contact = try await browser.post("/cases/\(id)/contacts", [("kind", "phone"), ("date", today), ("time", "00:00"), ("minutes", "20"),
                                                                           ("staff", "hoa"), ("summary", "Chị gọi báo đã về đến nhà")])
            #expect(contact.status == .seeOther && contact.location == "/cases/\(id)?done=contact")
            let page = try await browser.get("/cases/\(id)")
            #expect(page.body.contains("Gọi điện thoại") && page.body.contains("Chị gọi báo đã về đến nhà") && page.body.contains("20 phút"))
            // Too far back: refused beside its field, the summary kept as typed, nothing written.
            let old = try #require(Day.adding(days: -30, to: today))
            let refused = try await browser.post("/cases/\(id)/contacts", [("kind", "home-visit"), ("date", old), ("summary", "Thăm nhà lần hai")])
            #expect(refused.status == .unprocessableContent && refused.body.contains("date-error") && refused.body.contains("Thăm nhà lần hai"))
            #expect(try await browser.post("/cases/\(id)/contacts", [("kind", "letter"), ("date", today)]).status == .unprocessableContent)
            #expect(try await browser.post("/cases/\(id)/contacts", [("kind", "phone"), ("date", today), ("minutes", "nhiều")]).status
                    == .unprocessableContent)
            #expect(!(try await browser.get("/cases/\(id)").body.contains("Thăm nhà lần hai")))

            // One due in three days is listed as coming up.
            let later = try #require(Day.adding(days: 3, to: today))
            #expect(try await browser.post("/cases/\(id)/followups", [("due", later), ("assign-to", "hoa"), ("reason", "Hẹn gặp lại")]).status == .seeOther)
            #expect(try await browser.get("/").body.contains("Việc đến hạn trong 7 ngày tới"))
            // A follow-up due today shows on her dashboard until it is marked done.
            let added = try await browser.post("/cases/\(id)/followups", [("due", today), ("assign-to", "hoa"), ("reason", "Gọi lại hỏi về giấy khai sinh")])
            #expect(added.status == .seeOther)
            let withTask = try await browser.get("/cases/\(id)")
            #expect(withTask.body.contains("Gọi lại hỏi về giấy khai sinh"))
            let key = try #require(withTask.body.firstMatch(of: /name="task" value="(T-[A-Z0-9]+)"/)?.1)
            let dashboard = try await browser.get("/")
            #expect(dashboard.body.contains("Việc đến hạn hôm nay và quá hạn") && dashboard.body.contains("href=\"/cases/\(id)\""))
            #expect(!dashboard.body.contains("Gọi lại hỏi về giấy khai sinh"), "the dashboard shows no sealed text")
            // A key posted on another case's page completes nothing.
            let other = try await Self.openCase(browser, name: "Lê Thị Khác")
            try await browser.get("/cases/\(other)")
            #expect(try await browser.post("/cases/\(other)/followups/done", [("task", String(key))]).status == .notFound)
            try await browser.get("/cases/\(id)")
            #expect(try await browser.post("/cases/\(id)/followups/done", [("task", String(key))]).status == .seeOther)
            let done = try await browser.get("/cases/\(id)")
            #expect(done.body.contains("đã xong") && !done.body.contains("value=\"\(key)\""))
            #expect(!(try await browser.get("/").body.contains("Gọi lại")))
        }
    }

    @Test func herChildrenAndFormerSpouseFromTheCasePage() async throws {
        try await WebFixture().test { browser in
            try await browser.logIn("hoa")
            let id = try await Self.openCase(browser)
            try await browser.get("/cases/\(id)")
            // A bad country of birth comes back beside its field, in the child's form only, with what was typed.
            let refused = try await browser.post("/cases/\(id)/children", [("form", "child"), ("name", "Kim Min-jun"), ("birth-country", "Atlantis"),
                                                                           ("registration", "not-registered"), ("nationality", "foreign")])
            #expect(refused.status == .unprocessableContent && refused.body.contains("id=\"child-birth-country-error\""))
            #expect(refused.body.contains("value=\"Kim Min-jun\""))
            #expect(try await browser.post("/cases/\(id)/children", [("form", "child"), ("registration", "perhaps")]).status == .unprocessableContent)
            let added = try await browser.post("/cases/\(id)/children", [("form", "child"), ("name", "Kim Min-jun"), ("dob", "2019-05-20"),
                                                                         ("sex", "male"), ("birth-country", "han quoc"), ("registration", "not-registered"),
                                                                         ("nationality", "foreign"), ("lives-with-her", "yes"),
                                                                         ("need", "divorce-recognition")])
            #expect(added.status == .seeOther)
            let page = try await browser.get("/cases/\(id)")
            #expect(page.body.contains("Kim Min-jun") && page.body.contains("20/05/2019") && page.body.contains("Chưa đăng ký khai sinh tại Việt Nam"))
            let child = try #require(page.body.firstMatch(of: /name="child" value="(F-[A-Z0-9]+)"/)?.1)
            #expect(try await browser.post("/cases/\(id)/children/update", [("form", "child-\(child)"), ("child", String(child)),
                                                                            ("registration", "registered")]).status == .seeOther)
            #expect(try await browser.get("/cases/\(id)").body.contains("Đã đăng ký khai sinh tại Việt Nam"))
            #expect(try await browser.post("/cases/\(id)/spouses", [("form", "spouse"), ("relation", "spouse"), ("nationality", "Hàn Quốc"),
                                                                    ("name", "Park Ji-hoon")]).status == .seeOther)
            let withSpouse = try await browser.get("/cases/\(id)")
            let spouse = try #require(withSpouse.body.firstMatch(of: /name="spouse" value="(S-[A-Z0-9]+)"/)?.1)
            #expect(withSpouse.body.contains("Park Ji-hoon") && withSpouse.body.contains("Chồng ·"))
            #expect(try await browser.post("/cases/\(id)/spouses/update", [("spouse", String(spouse)), ("relation", "former-spouse")]).status == .seeOther)
            #expect(try await browser.get("/cases/\(id)").body.contains("Chồng cũ"))
            // Another centre's manager changes nothing.
            try await browser.post("/logout", [])
            try await browser.logIn("mai")
            try await browser.get("/")
            #expect(try await browser.post("/cases/\(id)/children/update", [("child", String(child)), ("registration", "unknown")]).status == .forbidden)
        }
    }

    @Test func documentsAndAnEncryptedFileFromTheCasePage() async throws {
        try await WebFixture().test { browser in
            try await browser.logIn("hoa")
            let id = try await Self.openCase(browser)
            try await browser.get("/cases/\(id)")
            #expect(try await browser.post("/cases/\(id)/documents", [("form", "documents"), ("document", "foreign-divorce-judgment"),
                                                                      ("status", "needs")]).status == .seeOther)
            #expect(try await browser.post("/cases/\(id)/documents", [("document", "diploma"), ("status", "needs")]).status == .unprocessableContent)
            #expect(try await browser.get("/cases/\(id)").body.contains("Cần: Bản án, quyết định ly hôn của nước ngoài"))
            let scan = Array("%PDF-1.7 bản án ly hôn của Toà án Busan".utf8)
            let uploaded = try await browser.upload("/cases/\(id)/attachments", [("form", "attach"), ("document", "foreign-divorce-judgment")],
                                                    file: (name: "ban-an-tran-thi-bich-ngoc.pdf", type: "application/pdf", bytes: scan))
            #expect(uploaded.status == .seeOther && uploaded.location == "/cases/\(id)?done=attached")
            let page = try await browser.get("/cases/\(id)")
            #expect(page.body.contains("ban-an-tran-thi-bich-ngoc.pdf") && page.body.contains("enctype=\"multipart/form-data\""))
            let attachment = try #require(page.body.firstMatch(of: /attachments\/(G-[A-Z0-9]+)"/)?.1)
            let download = try await browser.get("/cases/\(id)/attachments/\(attachment)")
            #expect(download.status == .ok && download.body == String(decoding: scan, as: UTF8.self))
            #expect(download.headers[.contentType] == "application/octet-stream")
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"\(id)-\(attachment).pdf\"", "a name that says nothing of her")
            // No file, a forged token, a malformed body: refused, nothing written.
            try await browser.get("/cases/\(id)")
            #expect(try await browser.upload("/cases/\(id)/attachments", [("form", "attach")], file: nil).status == .unprocessableContent)
            #expect(try await browser.upload("/cases/\(id)/attachments", [], file: (name: "x.txt", type: "text/plain", bytes: [65]),
                                             csrf: "0").status == .forbidden)
            // Another centre's manager: 403 on the file and the upload.
            try await browser.post("/logout", [])
            try await browser.logIn("mai")
            let refused = try await browser.get("/cases/\(id)/attachments/\(attachment)")
            #expect(refused.status == .forbidden && !refused.body.contains("PDF"))
            try await browser.get("/")
            #expect(try await browser.upload("/cases/\(id)/attachments", [], file: (name: "x.txt", type: "text/plain", bytes: [65])).status
                    == .forbidden)
        }
    }

    @Test func aCasePlanAndTheServicesDeliveredFromTheCasePage() async throws {
        try await WebFixture().test { browser in
            try await browser.logIn("hoa")
            let id = try await Self.openCase(browser)
            try await browser.get("/cases/\(id)")
            #expect(try await browser.post("/cases/\(id)/plan/goals", [("form", "goal"), ("need", "shelter")]).status == .unprocessableContent)
            #expect(try await browser.post("/cases/\(id)/plan/goals", [("form", "goal"), ("need", "divorce-recognition"), ("responsible", "hoa"),
                                                                       ("description", "Ghi chú ly hôn tại Sở Tư pháp")]).status == .seeOther)
            let page = try await browser.get("/cases/\(id)")
            let goal = try #require(page.body.firstMatch(of: /\[(J-[A-Z0-9]+)\]/)?.1)
            #expect(page.body.contains("Ghi chú ly hôn tại Sở Tư pháp") && page.body.contains("Đang thực hiện"))
            #expect(try await browser.post("/cases/\(id)/plan/services", [("form", "plan-service"), ("goal", String(goal)), ("service", "legal-advice")])
                .status == .seeOther)
            #expect(try await browser.post("/cases/\(id)/services", [("form", "delivered"), ("service", "massage"), ("date", Now.vietnamToday()),
                                                                     ("outcome", "completed")]).status == .unprocessableContent)
            #expect(try await browser.post("/cases/\(id)/services", [("form", "delivered"), ("service", "document-assistance"),
                                                                     ("date", Now.vietnamToday()), ("outcome", "completed"), ("agency", "vn-moj-hanoi"),
                                                                     ("goal", String(goal))]).status == .seeOther)
            #expect(try await browser.post("/cases/\(id)/plan/status", [("form", "goal-status"), ("goal", String(goal)), ("status", "met")]).status
                    == .seeOther)
            let after = try await browser.get("/cases/\(id)")
            #expect(after.body.contains("Tư vấn pháp lý") && after.body.contains("Hỗ trợ làm giấy tờ") && after.body.contains("Đã đạt"))
            #expect(after.body.contains("vn-moj-hanoi · Đã hoàn thành"))
        }
    }

    @Test func anAssessmentFromTheCasePageSetsTheRiskAndShowsItsAnswers() async throws {
        try await WebFixture().test { browser in
            try await browser.logIn("hoa")
            let id = try await Self.openCase(browser)
            let page = try await browser.get("/cases/\(id)")
            #expect(page.body.contains("Đánh giá mới: Đánh giá an toàn và rủi ro") && page.body.contains("name=\"q-threat-to-kill\""))
            let policy = try Policy.load(from: WebFixture.policyDirectory)
            let safety = try policy.assessmentForm("safety")
            let all = safety.questions.map { ("q-\($0.entry.code)", "no") }
            // Half a form comes back with the problem at the top of that form, its answers kept.
            let half = try await browser.post("/cases/\(id)/assessments", [("form", "assess-safety"), ("assessment", "safety")] + all.dropLast())
            #expect(half.status == .unprocessableContent && half.body.contains("id=\"assess-safety-answer-error\""))
            // A level other than the one suggested needs a note.
            let lowered = try await browser.post("/cases/\(id)/assessments", [("form", "assess-safety"), ("assessment", "safety"), ("level", "high")] + all)
            #expect(lowered.status == .unprocessableContent && lowered.body.contains("id=\"assess-safety-note-error\""))
            let answers = all.map { $0.0 == "q-weapon" ? ($0.0, "yes") : $0 }
            let done = try await browser.post("/cases/\(id)/assessments", [("form", "assess-safety"), ("assessment", "safety"),
                                                                          ("note", "Chị kể anh ta cầm dao dọa")] + answers)
            #expect(done.status == .seeOther && done.location == "/cases/\(id)?done=assessed")
            let after = try await browser.get("/cases/\(id)?done=assessed")
            #expect(after.body.contains("Đã ghi kết quả đánh giá.") && after.body.contains("Đánh giá an toàn và rủi ro: Cao"))
            #expect(after.body.contains("Chị kể anh ta cầm dao dọa") && after.body.contains("Xem câu trả lời"))
            // Another centre's counsellor is refused.
            try await browser.post("/logout", [])
            try await browser.logIn("mai")
            try await browser.get("/")
            #expect(try await browser.post("/cases/\(id)/assessments", [("form", "assess-safety"), ("assessment", "safety")] + answers).status
                    == .forbidden)
        }
    }

    @Test func aManagerMergesADuplicateFromTheCasePage() async throws {
        try await WebFixture().test { browser in
            try await browser.logIn("hoa")
            let kept = try await Self.openCase(browser)
            let duplicate = try await Self.openCase(browser, name: "Tran Thi Bich Ngoc")
            #expect(!(try await browser.get("/cases/\(duplicate)").body.contains("action=\"/cases/\(duplicate)/merge\"")), "counsellors do not merge")
            #expect(try await browser.post("/cases/\(duplicate)/merge", [("form", "merge"), ("into", kept), ("confirm", "1")]).status == .forbidden)
            try await browser.post("/logout", [])
            try await browser.logIn("lan")
            #expect(try await browser.get("/cases/\(duplicate)").body.contains("action=\"/cases/\(duplicate)/merge\""))
            // Unticked, or a mistyped id: the form comes back with the problem beside the field.
            let unticked = try await browser.post("/cases/\(duplicate)/merge", [("form", "merge"), ("into", kept)])
            #expect(unticked.status == .unprocessableContent && unticked.body.contains("id=\"merge-confirm-error\""))
            let mistyped = try await browser.post("/cases/\(duplicate)/merge", [("form", "merge"), ("into", "HN-OSSO-2026-99999"), ("confirm", "1")])
            #expect(mistyped.status == .unprocessableContent && mistyped.body.contains("id=\"merge-into-error\""))
            let merged = try await browser.post("/cases/\(duplicate)/merge", [("form", "merge"), ("into", kept), ("confirm", "1")])
            #expect(merged.status == .seeOther && merged.location == "/cases/\(duplicate)?done=merged")
            let after = try await browser.get("/cases/\(duplicate)?done=merged")
            #expect(after.body.contains("Đã gộp bản ghi trùng") && after.body.contains(Self.name) && after.body.contains("Gộp hồ sơ trùng"))
        }
    }

    @Test func oneCaseOfHersTransferredFromTheCasePage() async throws {
        try await WebFixture().test { browser in
            try await browser.logIn("lan")
            let first = try await Self.openCase(browser)
            let person = try #require(try await browser.get("/cases/\(first)").body.firstMatch(of: /(P-[A-Z0-9]{12})/)?.1)
            try await browser.get("/cases/new")
            let opened = try await browser.post("/cases", [("programme", "marriage"), ("person", String(person))])
            let second = String(try #require(opened.location).dropFirst("/cases/".count).prefix { $0 != "?" })
            #expect(try await browser.get("/cases/\(second)").body.contains("name=\"case-only\""))
            #expect(try await browser.post("/cases/\(second)/transfer", [("form", "transfer"), ("centre", "CT-MC"), ("reason", "Chỉ hồ sơ này"),
                                                                        ("case-only", "1")]).status == .seeOther)
            let moving = try await browser.get("/cases/\(second)")
            let stays = try await browser.get("/cases/\(first)")
            #expect(!moving.body.contains(String(person)) && stays.body.contains(String(person)), "the moving case has a record of its own")
            try await browser.post("/logout", [])
            try await browser.logIn("mai")
            let transfer = try #require(try await browser.get("/").body.firstMatch(of: /transfers\/(W-[A-Z0-9]+)\/accept/)?.1)
            #expect(try await browser.post("/transfers/\(transfer)/accept", []).status == .seeOther)
            #expect(try await browser.get("/cases/\(second)").body.contains(Self.name))
            #expect(try await browser.get("/cases/\(first)").status == .forbidden)
        }
    }

    @Test func theCentralDashboardSaysWhyEachReferralWaitsWhoSentItAndSinceWhen() async throws {
        let fixture = try WebFixture()
        let hoa = try fixture.store.unlock(user: "hoa", passphrase: .init(utf8: WebFixture.passphrase("hoa")))
        var intake = CaseIntake(programme: .returnee)
        intake.person.name = PersonalText("Lê Thị Ở Hàn")
        (intake.risk, intake.needs, intake.destination) = (.high, ["gbv-protection"], "KR")
        let opened = try fixture.store.openCase(hoa, policy: fixture.policy, intake: intake)
        _ = try fixture.store.giveConsent(hoa, policy: fixture.policy, caseID: opened.id, purpose: .referral, agencyID: "kr-danuri",
                                          agencyKind: nil, fields: nil, note: nil)
        let referral = try fixture.store.createReferral(hoa, policy: fixture.policy, request: ReferralRequest(
            caseID: opened.id, agencyID: "kr-danuri", service: "gbv-protection"))
        try await fixture.test { browser in
            try await browser.logIn("trung")
            let dashboard = try await browser.get("/")
            #expect(dashboard.body.contains(referral.id) && dashboard.body.contains("Hồ sơ nguy cơ cao")
                    && dashboard.body.contains("Gửi ra nước ngoài hoặc tổ chức quốc tế") && dashboard.body.contains("<td>hoa</td>"))
            #expect(!dashboard.body.contains("Lê Thị Ở Hàn"), "the queue shows nothing of the case")
        }
    }

    @Test func aCentralOfficerReviewsFromTheReviewPage() async throws {
        let fixture = try WebFixture()
        let hoa = try fixture.store.unlock(user: "hoa", passphrase: .init(utf8: WebFixture.passphrase("hoa")))
        var intake = CaseIntake(programme: .returnee)
        intake.person.name = PersonalText("Lê Thị Ở Hàn")
        intake.person.phones = [PersonalText("0911000222")]
        (intake.risk, intake.needs, intake.destination) = (.high, ["gbv-protection"], "KR")
        let opened = try fixture.store.openCase(hoa, policy: fixture.policy, intake: intake)
        _ = try fixture.store.giveConsent(hoa, policy: fixture.policy, caseID: opened.id, purpose: .referral, agencyID: "kr-danuri",
                                          agencyKind: nil, fields: nil, note: nil)
        var request = ReferralRequest(caseID: opened.id, agencyID: "kr-danuri", service: "gbv-protection")
        request.note = PersonalText("Chị đang ở nhờ nhà bạn ở Busan")
        let referral = try fixture.store.createReferral(hoa, policy: fixture.policy, request: request)
        try await fixture.test { browser in
            try await browser.logIn("hoa")
            #expect(try await browser.get("/review").status == .forbidden)
            try await browser.post("/logout", [])
            try await browser.logIn("trung")
            let page = try await browser.get("/review")
            #expect(page.status == .ok && page.body.contains(referral.id) && page.body.contains("Lê Thị Ở Hàn"), "the disclosure is shown")
            #expect(page.body.contains("Chị đang ở nhờ nhà bạn ở Busan") && page.body.contains("Hồ sơ nguy cơ cao"))
            #expect(page.body.contains("action=\"/review/\(referral.id)/approve\"") && page.body.contains("href=\"/review\""))
            #expect(try await browser.post("/review/\(referral.id)/return", [("note", " ")]).status == .badRequest, "a return needs a reason")
            let returned = try await browser.post("/review/\(referral.id)/return", [("note", "Thiếu số điện thoại ở Hàn Quốc")])
            #expect(returned.status == .seeOther && returned.location == "/review?done=return")
            #expect(try await browser.get("/review?done=return").body.contains("Đã trả lại trung tâm kèm lý do."))
            #expect(try await browser.post("/review/\(referral.id)/approve", []).status == .badRequest, "a returned referral waits for the centre")
            _ = try fixture.store.submitReferral(hoa, policy: fixture.policy, id: referral.id)
            try await browser.get("/review")
            let approved = try await browser.post("/review/\(referral.id)/approve", [("note", "Đồng ý, gửi ngay")])
            #expect(approved.status == .seeOther && approved.location == "/review?done=approve")
            #expect(!(try await browser.get("/review").body.contains("action=\"/review/\(referral.id)/approve\"")))
            #expect(try fixture.store.showReferral(hoa, id: referral.id).referral.status == .ready)
        }
    }

    @Test func anEmergencySentBeforeReviewIsReviewedAfterTheFactFromTheReviewPage() async throws {
        let fixture = try WebFixture()
        let hoa = try fixture.store.unlock(user: "hoa", passphrase: .init(utf8: WebFixture.passphrase("hoa")))
        let lan = try fixture.store.unlock(user: "lan", passphrase: .init(utf8: WebFixture.passphrase("lan")))
        var intake = CaseIntake(programme: .returnee)
        intake.person.name = PersonalText("Lê Thị Ở Hàn")
        (intake.risk, intake.needs, intake.destination) = (.high, ["gbv-protection"], "KR")
        let opened = try fixture.store.openCase(hoa, policy: fixture.policy, intake: intake)
        _ = try fixture.store.giveConsent(hoa, policy: fixture.policy, caseID: opened.id, purpose: .referral, agencyID: "kr-danuri",
                                          agencyKind: nil, fields: nil, note: nil)
        let referral = try fixture.store.createReferral(hoa, policy: fixture.policy, request: ReferralRequest(
            caseID: opened.id, agencyID: "kr-danuri", service: "gbv-protection"))
        try fixture.store.releaseForEmergency(lan, id: referral.id, reason: PersonalText("Chị không có chỗ ở đêm nay"))
        try await fixture.test { browser in
            try await browser.logIn("trung")
            let page = try await browser.get("/review")
            #expect(page.body.contains("action=\"/review/\(referral.id)/after\"") && !page.body.contains("action=\"/review/\(referral.id)/approve\""))
            #expect(page.body.contains("Chị không có chỗ ở đêm nay") && page.body.contains("KHẨN CẤP"))
            let done = try await browser.post("/review/\(referral.id)/after", [("note", "Đồng ý với quyết định khẩn cấp")])
            #expect(done.status == .seeOther && done.location == "/review?done=after")
            let after = try await browser.get("/review?done=after")
            #expect(after.body.contains("Đã ghi nhận duyệt sau.") && !after.body.contains("action=\"/review/\(referral.id)/after\""))
            #expect(try await browser.post("/review/\(referral.id)/after", []).status == .badRequest, "recorded once")
        }
    }

    @Test func aTransferToAnotherCentreAcceptedFromItsDashboard() async throws {
        try await WebFixture().test { browser in
            try await browser.logIn("hoa")
            let id = try await Self.openCase(browser)
            #expect(!(try await browser.get("/cases/\(id)").body.contains("action=\"/cases/\(id)/transfer\"")), "counsellors do not transfer")
            try await browser.post("/logout", [])
            try await browser.logIn("lan")
            let page = try await browser.get("/cases/\(id)")
            #expect(page.body.contains("action=\"/cases/\(id)/transfer\"") && page.body.contains("CT-MC"))
            #expect(try await browser.post("/cases/\(id)/transfer", [("form", "transfer"), ("centre", "HN-OSSO"), ("reason", "x")]).status
                    == .unprocessableContent)
            #expect(try await browser.post("/cases/\(id)/transfer", [("form", "transfer"), ("centre", "CT-MC"), ("reason", "Chị chuyển về Cần Thơ")])
                .status == .seeOther)
            try await browser.post("/logout", [])
            try await browser.logIn("mai")
            let dashboard = try await browser.get("/")
            let transfer = try #require(dashboard.body.firstMatch(of: /transfers\/(W-[A-Z0-9]+)\/accept/)?.1)
            #expect(dashboard.body.contains("Đề nghị chuyển đến trung tâm") && dashboard.body.contains(id) && !dashboard.body.contains(Self.name))
            let accepted = try await browser.post("/transfers/\(transfer)/accept", [])
            #expect(accepted.status == .seeOther && accepted.location == "/?done=transfer-accepted")
            #expect(try await browser.get("/?done=transfer-accepted").body.contains("Đã tiếp nhận: chị và các hồ sơ"))
            #expect(try await browser.get("/cases/\(id)").body.contains(Self.name))
            #expect(try await browser.post("/transfers/\(transfer)/accept", []).status == .badRequest)
            try await browser.post("/logout", [])
            try await browser.logIn("lan")
            let gone = try await browser.get("/cases/\(id)")
            #expect(gone.status == .forbidden && !gone.body.contains(Self.name))
            // Another woman's transfer, declined from the dashboard: nothing moves.
            try await browser.post("/logout", [])
            try await browser.logIn("hoa")
            let second = try await Self.openCase(browser, name: "Lê Thị Ở Lại")
            try await browser.post("/logout", [])
            try await browser.logIn("lan")
            try await browser.get("/cases/\(second)")
            #expect(try await browser.post("/cases/\(second)/transfer", [("form", "transfer"), ("centre", "CT-MC"), ("reason", "Chuyển nhà")]).status
                    == .seeOther)
            try await browser.post("/logout", [])
            try await browser.logIn("mai")
            let other = try #require(try await browser.get("/").body.firstMatch(of: /transfers\/(W-[A-Z0-9]+)\/decline/)?.1)
            #expect(try await browser.post("/transfers/\(other)/decline", []).location == "/?done=transfer-declined")
            #expect(try await browser.get("/cases/\(second)").status == .forbidden)
        }
    }

    @Test func aManagerAssignsAndAdministersHerCentre() async throws {
        let fixture = try WebFixture()
        try await fixture.test { browser in
            try await browser.logIn("hoa")
            let id = try await Self.openCase(browser)
            try await browser.post("/logout", [])
            try await browser.logIn("lan")
            #expect(try await browser.get("/").body.contains("Khối lượng công việc"))
            try await browser.get("/cases/\(id)")
            #expect(try await browser.post("/cases/\(id)/assign", [("to", "lan")]).status == .seeOther)
            #expect(try await browser.get("/cases?assigned=lan").body.contains(id))
            // Add a colleague, then remove her: her sessions end.
            try await browser.get("/admin/users")
            let added = try await browser.post("/admin/users", [("name", "phuong"), ("role", "counsellor"), ("centre", "HN-OSSO"),
                                                                ("new-passphrase", "a long enough passphrase"),
                                                                ("new-passphrase-again", "a long enough passphrase")])
            #expect(added.status == .ok && added.body.contains("phuong"))
            let short = try await browser.post("/admin/users", [("name", "quyen"), ("role", "counsellor"), ("centre", "HN-OSSO"),
                                                                ("new-passphrase", "short"), ("new-passphrase-again", "short")])
            #expect(short.status == .unprocessableContent && short.body.contains("new-passphrase-error") && !short.body.contains("value=\"short\""))
            #expect(try await browser.post("/admin/users/phuong/remove", []).status == .ok)
            #expect(try await browser.get("/admin/centres").status == .forbidden)
        }
    }

    @Test func whatWasTypedIsShownAsTextNeverAsMarkup() async throws {
        try await WebFixture().test { browser in
            try await browser.logIn("hoa")
            let id = try await Self.openCase(browser, name: "Lê <script>alert(1)</script> \"Thị\" Hà")
            let page = try await browser.get("/cases/\(id)")
            #expect(page.body.contains("Lê &lt;script&gt;alert(1)&lt;/script&gt; &quot;Thị&quot; Hà"))
            #expect(!page.body.contains("<script>"))
        }
    }

    @Test func openingHerAgainOffersHerFileFirst() async throws {
        try await WebFixture().test { browser in
            try await browser.logIn("hoa")
            let first = try await Self.openCase(browser)
            try await browser.get("/cases/new")
            // The same woman, her name typed without diacritics: she is offered, nothing is created yet.
            let offered = try await browser.post("/cases", [("programme", "returnee"), ("name", "tran thi bich ngoc"),
                                                            ("phone", "0900 111 222"), ("need", "shelter")])
            #expect(offered.status == .ok && offered.body.contains("Có thể chị đã có hồ sơ") && offered.body.contains(first))
            #expect(try await browser.get("/cases").body.components(separatedBy: "href=\"/cases/HN-OSSO-").count == 2, "one case so far")
            // "It is her": the new case joins her file; what was typed about her is not kept.
            let added = try await browser.post("/cases", [("programme", "returnee"), ("need", "shelter"),
                                                          ("person", Self.personOf(offered.body))])
            let location = try #require(added.location)
            #expect(!location.contains("same") && !location.contains(first))
            let second = try await browser.get(location)
            #expect(second.body.contains(Self.personOf(offered.body)) && second.body.contains(Self.name) && !second.body.contains("0900 111 222"))
            // "Someone else": a new woman, and the possible duplicate is said once.
            try await browser.get("/cases/new")
            _ = try await browser.post("/cases", [("programme", "returnee"), ("name", Self.name)])
            let separate = try await browser.post("/cases", [("programme", "returnee"), ("name", Self.name), ("new-person", "yes")])
            let third = try #require(separate.location)
            #expect(try await browser.get(third).body.contains("Có thể trùng với hồ sơ"))
            #expect(!(try await browser.get(third).body.contains("Có thể trùng với hồ sơ")), "said once")
        }
    }

    /// The person id a match page offers (the value of its hidden `person` field).
    static func personOf(_ page: String) -> String {
        guard let range = page.range(of: "name=\"person\" value=\"") else { return "" }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func malformedFormsAreRefusedWholeAndAStaleStepDoesNotEndTheActorsSession() async throws {
        try await WebFixture().test { browser in
            try await browser.logIn("lan")
            try await browser.get("/admin/users")
            let token = try #require(browser.token)
            let bad = try await browser.client.execute(uri: "/find", method: .post,
                                                       headers: [.cookie: "caunoi=\(browser.cookies["caunoi"] ?? "")",
                                                                 .contentType: "application/x-www-form-urlencoded"],
                                                       body: ByteBuffer(string: "csrf=\(token)&name=%zz"))
            #expect(bad.status == .badRequest)
            let many = (0..<60).map { _ in ("phone", "1") }
            #expect(try await browser.post("/find", many).status == .badRequest)
            try await browser.get("/admin/users")
            #expect(try await browser.post("/admin/users", [("name", "phuong"), ("role", "counsellor"), ("centre", "HN-OSSO"),
                                                            ("new-passphrase", "a long enough passphrase"),
                                                            ("new-passphrase-again", "a long enough passphrase")]).status == .ok)
            #expect(try await browser.post("/admin/users/phuong/remove", []).status == .ok)
            // Removing her again (a stale page): refused, and the manager stays logged in.
            let twice = try await browser.post("/admin/users/phuong/remove", [])
            #expect(twice.status.code >= 400 && twice.location == nil)
            #expect(try await browser.get("/admin/users").status == .ok)
        }
    }

    @Test func herOwnPassphraseChangesOnlyWithTheCurrentOneAndEndsHerSessions() async throws {
        try await WebFixture().test { browser in
            try await browser.logIn("hoa")
            let other = Browser(client: browser.client)
            try await other.logIn("hoa")
            try await browser.get("/me/passphrase")
            let new = "a new passphrase for hoa"
            let wrong = try await browser.post("/me/passphrase", [("current-passphrase", "not hers"), ("new-passphrase", new),
                                                                  ("new-passphrase-again", new)])
            #expect(wrong.status == .unprocessableContent && wrong.body.contains("current-passphrase-error") && !wrong.body.contains(new))
            let mismatch = try await browser.post("/me/passphrase", [("current-passphrase", WebFixture.passphrase("hoa")),
                                                                     ("new-passphrase", new), ("new-passphrase-again", new + "!")])
            #expect(mismatch.status == .unprocessableContent && mismatch.body.contains("new-passphrase-error"))
            let changed = try await browser.post("/me/passphrase", [("current-passphrase", WebFixture.passphrase("hoa")),
                                                                    ("new-passphrase", new), ("new-passphrase-again", new)])
            #expect(changed.status == .ok && changed.body.contains("Đã đổi mật khẩu"))
            // Every session of hers ended, the other tab's too; only the new passphrase opens.
            #expect(try await other.get("/").location == "/login")
            #expect(try await browser.logIn("hoa").status == .unauthorized)
            #expect(try await browser.logIn("hoa", passphrase: new).status == .seeOther)
        }
    }

    @Test func theAdminAddsACentreByProvinceNameAndAManagerGrantsKeys() async throws {
        try await WebFixture().test { browser in
            try await browser.logIn("root")
            try await browser.get("/admin/centres")
            let added = try await browser.post("/admin/centres", [("code", "HP-OSSO"), ("name", "Văn phòng OSSO Hải Phòng"),
                                                                  ("province", "hai phong"), ("kind", "osso")])
            #expect(added.status == .ok && added.body.contains("HP-OSSO") && added.body.contains("Hải Phòng"))
            let unknown = try await browser.post("/admin/centres", [("code", "XX-OSSO"), ("name", "Không có"),
                                                                    ("province", "atlantis"), ("kind", "osso")])
            #expect(unknown.status == .unprocessableContent && unknown.body.contains("province-error") && unknown.body.contains("atlantis"))
            try await browser.post("/logout", [])
            try await browser.logIn("lan")
            try await browser.get("/admin/users")
            let granted = try await browser.post("/admin/users/hoa/grant", [])
            #expect(granted.status == .ok && granted.body.contains("hoa"))
        }
    }

    @Test func anAssociationsSupportRequestIsOpenedWithItsAssociationAndRequest() async throws {
        let fixture = try WebFixture()
        let lan = try fixture.store.unlock(user: "lan", passphrase: .init(utf8: WebFixture.passphrase("lan")))
        var input = AssociationInput()
        (input.name, input.country) = ("Hội Phụ nữ Việt Nam tại Busan", "KR")
        let association = try fixture.store.addAssociation(lan, policy: fixture.policy, input: input)
        try await fixture.test { browser in
            try await browser.logIn("hoa")
            try await browser.get("/cases/new")
            let missing = try await browser.post("/cases", [("programme", "association"), ("name", "Vũ Thị Hạnh"),
                                                            ("request", "founding-guidance")])
            #expect(missing.status == .unprocessableContent && missing.body.contains("association-error"))
            let opened = try await browser.post("/cases", [("programme", "association"), ("name", "Vũ Thị Hạnh"),
                                                           ("association", association), ("request", "founding-guidance")])
            let location = try #require(opened.location)
            let page = try await browser.get(location)
            #expect(page.body.contains(association) && page.body.contains("Hướng dẫn thành lập hội"))
        }
    }
}
