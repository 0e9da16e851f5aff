import Cases

/// Human-facing text other than errors, Vietnamese first. Every label and sentence the CLI
/// prints comes from here, so translations stay in one place.
public enum Text: Sendable {
    case initialised(admin: String)
    case recoveryKeyOnce
    case recoveryKeyWritten(String)
    case centreAdded(String)
    case userAdded(String)
    case accessGranted(String, [String])
    case accessMissing([String])
    case pendingGrant(String)
    case passphraseChanged(String)
    case userRemoved(String)
    case caseOpened(String)
    case personLabel(String)
    case possibleDuplicates([String])
    case noteAdded(String)
    case contactAdded(String)
    case familyAdded(String, String)
    case documentSet(String)
    case transferRequested(String, String)
    case transferAccepted(String)
    case transferDeclined(String)
    case planUpdated(String)
    case serviceRecorded(String)
    /// Case, form and level labels.
    case assessed(String, String, String)
    /// Duplicate, kept person, cases moved.
    case merged(String, String, Int)
    case attached(String, String)
    case attachmentWritten(String)
    case nothingDue
    case followUpAdded(String, String)
    case followUpDone(String)
    case closureRequested(String)
    case closureDeclined(String)
    case caseAssigned(String, String)
    case caseClosed(String)
    case caseReopened(String)
    case caseUpdated(String)
    case imported(Int, Int)
    case importChecked(Int, Int)
    case importProgress(Int, Int)
    case nothingFound
    case moreMatches(Int)
    case policyOK(String)
    case policyProblems(Int)
    case promptPassphrase(String)
    case promptNewPassphrase(String)
    case promptRepeat
    case field(Field)
    case consentGiven(String, String)
    case consentWithdrawn(Int, [String])
    case agencyAdded(String)
    case agenciesImported(Int)
    case referralCreated(String, String, String)
    case referralStatus(String, String)
    case referralSent(String, String)
    case packetVerified(String)
    /// `centre trust`: the root fingerprint heading the centre list.
    case trustRoot(String)
    case statsExported(Int, Int, Bool)
    case budgetSpent(Int, String, String)
    case auditVerified(Int64)
    case subjectExportTitle
    case subjectExportIntro(String, String)
    case subjectErasedNotice(String)
    case subjectExported(String)
    case subjectErased(String, [String])
    case walNotCleared
    case askAgenciesToDelete([String])
    case retentionDue(String, String, String)
    case retentionSummary(Int, dryRun: Bool)
    case keysRotated(String, Int, Int, [String])
    case accessRecovered(String, [String])
    /// `keys certify`: root fingerprint, accounts certified, centre-key versions, pending grants kept.
    case deploymentCertified(root: String, accounts: Int, centreVersions: Int, pendingGrants: Int)
    case certifiedAccount(name: String, role: String, centre: String?, active: Bool)
    /// Personal values were given on the command line.
    case personalDataOnArgv
    /// `caunoi serve`: where it listens.
    case serving(String, tls: Bool)
    /// `caunoi serve --listen` on a non-loopback address without TLS in front.
    case listenNotLoopback
    /// `caunoi serve` could not make itself non-dumpable.
    case coreDumpsNotRefused
    /// At unlock: grants that failed their checks were skipped (and audited).
    case grantsRejected([Int64])
    /// At the first unlock after an upgrade: the root now pinned in her keyslot.
    case rootPinned(String)
    case rotateAfterRemoval(String)
    case associationAdded(String)
    case associationUpdated(String)
    case activityRecorded(String)
    case noAssociation
    case associationTotal(Int, Int?)
    case backupCreated(String, Int)
    case backupRestored(String, Int)
    case backupRestoredWithoutLedger(String)

    /// Labels of case fields in human output.
    public enum Field: Sendable {
        case caseID, person, centre, programme, status, risk, assignedTo, origin, destination, migration, ageBand
        case needs, opened, closed, outcome, association, name, otherNames, dob, birthYear, phones, email, idNumber
        case passport, address, safeContact, notes, history, role, active, removed, kind, province
        case consents, referrals, accessLog, agency, service, disclosed, erased
        case city, founded, members, website, contactName, linkedCases, activities, supportRequest, country, associationName
        case agencyName, englishName, vietnameseName, services, provinces, countries, publicKey, description, rule, priority, review, fields, phone
        case contacts, followUps, closureRequest, day, time, minutes, staff, summary, due, reason
        case family, children, spouses, sex, birthCountry, birthRegistration, nationality, livesWithHer, relation, contact, concerns
        case documents, attachments, document, title, size
        case plan, goal, provider, target, responsible, delivered, serviceOutcome
        case assessments, assessmentForm, level, suggestedLevel, score, answers, note
    }

    public func text(_ lang: Language) -> String {
        let (vi, en) = pair
        return lang == .vi ? vi : en
    }

    private var pair: (String, String) {
        switch self {
        case .initialised(let admin):
            ("Đã khởi tạo cơ sở dữ liệu; quản trị viên: \(admin).", "Database initialised; administrator: \(admin).")
        case .recoveryKeyOnce:
            ("KHOÁ KHÔI PHỤC — chỉ hiện một lần. Hãy in ra và cất giữ ngoại tuyến:",
             "RECOVERY KEY — shown once. Print it and keep it offline:")
        case .recoveryKeyWritten(let path):
            ("Khoá khôi phục đã được ghi vào \(path) (quyền 0600). Hãy cất giữ ngoại tuyến.",
             "The recovery key was written to \(path) (mode 0600). Keep it offline.")
        case .centreAdded(let code): ("Đã thêm trung tâm \(code).", "Centre \(code) added.")
        case .userAdded(let name): ("Đã thêm người dùng \(name).", "User \(name) added.")
        case .accessGranted(let name, let keys):
            ("Đã cấp cho \(name): \(keys.joined(separator: ", ")).", "Granted to \(name): \(keys.joined(separator: ", ")).")
        case .accessMissing(let keys):
            ("Chưa cấp được (cần người giữ khoá hoặc khoá khôi phục): \(keys.joined(separator: ", ")).",
             "Not granted (needs a key holder or the recovery key): \(keys.joined(separator: ", ")).")
        case .pendingGrant(let name):
            ("Khoá sẽ có hiệu lực khi \(name) đăng nhập lần tới.", "The keys take effect at \(name)'s next unlock.")
        case .passphraseChanged(let name): ("Đã đổi mật khẩu của \(name).", "Passphrase of \(name) changed.")
        case .userRemoved(let name): ("Đã xoá người dùng \(name).", "User \(name) removed.")
        case .caseOpened(let id): ("Đã mở hồ sơ \(id).", "Case \(id) opened.")
        case .personLabel(let id): ("Người: \(id)", "Person: \(id)")
        case .possibleDuplicates(let ids):
            ("Cảnh báo: có thể trùng với hồ sơ \(ids.joined(separator: ", ")).", "Warning: possible duplicate of \(ids.joined(separator: ", ")).")
        case .noteAdded(let id): ("Đã thêm ghi chú vào hồ sơ \(id).", "Note added to case \(id).")
        case .planUpdated(let id): ("Đã cập nhật kế hoạch hỗ trợ của hồ sơ \(id).", "Case plan of \(id) updated.")
        case .serviceRecorded(let id): ("Đã ghi dịch vụ đã cung cấp cho hồ sơ \(id).", "Service delivered recorded for case \(id).")
        case .merged(let duplicate, let kept, let cases):
            ("Đã gộp \(duplicate) vào \(kept): \(cases) hồ sơ đã chuyển; khoá của bản ghi trùng đã bị xoá.",
             "\(duplicate) merged into \(kept): \(cases) case(s) moved; the duplicate's key was deleted.")
        case .assessed(let id, let form, let level): ("Đã ghi \(form) cho hồ sơ \(id): mức độ \(level).", "\(form) recorded for case \(id): level \(level).")
        case .transferRequested(let id, let centre):
            ("Đã gửi đề nghị chuyển \(id) đến trung tâm \(centre); chờ quản lý ở đó tiếp nhận.",
             "Transfer \(id) to centre \(centre) requested; waiting for its manager to accept.")
        case .transferAccepted(let id): ("Đã tiếp nhận \(id): chị và các hồ sơ đã chuyển về trung tâm.", "Transfer \(id) accepted: she and her cases are now here.")
        case .transferDeclined(let id): ("Đã từ chối đề nghị chuyển \(id).", "Transfer \(id) declined.")
        case .documentSet(let id): ("Đã cập nhật danh mục giấy tờ của hồ sơ \(id).", "Documents checklist of case \(id) updated.")
        case .attached(let id, let file): ("Đã đính kèm tệp \(file) (đã mã hoá) vào hồ sơ \(id).", "File \(file) attached (encrypted) to case \(id).")
        case .attachmentWritten(let path): ("Đã ghi tệp (chỉ chủ sở hữu đọc được): \(path)", "File written (owner-only): \(path)")
        case .familyAdded(let id, let member): ("Đã thêm \(member) vào hồ sơ \(id).", "\(member) added to case \(id).")
        case .nothingDue: ("Không có việc nào đến hạn.", "Nothing is due.")
        case .contactAdded(let id): ("Đã ghi lần tiếp xúc vào hồ sơ \(id).", "Contact written down in case \(id).")
        case .followUpAdded(let id, let task): ("Đã thêm việc cần theo dõi \(task) cho hồ sơ \(id).", "Follow-up \(task) added to case \(id).")
        case .followUpDone(let id): ("Đã đánh dấu hoàn thành việc cần theo dõi của hồ sơ \(id).", "Follow-up of case \(id) marked done.")
        case .closureRequested(let id):
            ("Đã gửi đề nghị đóng hồ sơ \(id); chờ quản lý phê duyệt.", "Closure of case \(id) requested; awaiting a manager's approval.")
        case .closureDeclined(let id): ("Đã không duyệt đề nghị đóng hồ sơ \(id).", "Closure request for case \(id) declined.")
        case .caseAssigned(let id, let user): ("Đã giao hồ sơ \(id) cho \(user).", "Case \(id) assigned to \(user).")
        case .caseClosed(let id): ("Đã đóng hồ sơ \(id).", "Case \(id) closed.")
        case .caseReopened(let id): ("Đã mở lại hồ sơ \(id).", "Case \(id) reopened.")
        case .caseUpdated(let id): ("Đã cập nhật hồ sơ \(id).", "Case \(id) updated.")
        case .imported(let cases, let persons):
            ("Đã nhập \(cases) hồ sơ (\(persons) người).", "Imported \(cases) cases (\(persons) persons).")
        case .importChecked(let cases, let persons):
            ("Kiểm tra xong: \(cases) hồ sơ (\(persons) người) hợp lệ; chưa ghi gì.",
             "Checked: \(cases) cases (\(persons) persons) are valid; nothing written.")
        case .importProgress(let done, let total): ("Đang nhập \(done)/\(total)…", "Importing \(done)/\(total)…")
        case .nothingFound: ("Không tìm thấy hồ sơ nào.", "No case found.")
        case .moreMatches(let limit):
            ("Có hơn \(limit) người khớp; chỉ hiện \(limit). Hãy tìm bằng họ tên đầy đủ hoặc số điện thoại, hoặc dùng --limit.",
             "More than \(limit) women match; showing \(limit). Search by full name or phone, or use --limit.")
        case .policyOK(let dir): ("Chính sách hợp lệ: \(dir)", "Policy is valid: \(dir)")
        case .policyProblems(let n): ("Chính sách có \(n) lỗi.", "The policy has \(n) problem(s).")
        case .promptPassphrase(let user): ("Mật khẩu của \(user): ", "Passphrase for \(user): ")
        case .promptNewPassphrase(let user): ("Mật khẩu mới cho \(user): ", "New passphrase for \(user): ")
        case .promptRepeat: ("Nhập lại: ", "Repeat: ")
        case .field(let field): field.pair
        case .consentGiven(let id, let caseID): ("Đã ghi nhận sự đồng ý \(id) cho hồ sơ \(caseID).", "Consent \(id) recorded for case \(caseID).")
        case .consentWithdrawn(let count, let referrals):
            ("Đã rút \(count) sự đồng ý; phiếu chuyển gửi bị rút theo: \(referrals.isEmpty ? "không có" : referrals.joined(separator: ", ")).",
             "Withdrew \(count) consent(s); referrals withdrawn with them: \(referrals.isEmpty ? "none" : referrals.joined(separator: ", ")).")
        case .agencyAdded(let id): ("Đã lưu cơ quan \(id).", "Agency \(id) saved.")
        case .agenciesImported(let n): ("Đã nhập \(n) cơ quan.", "Imported \(n) agencies.")
        case .referralCreated(let id, let status, let due):
            ("Đã tạo phiếu chuyển gửi \(id) (\(status)), hạn trả lời \(due).", "Referral \(id) created (\(status)), due \(due).")
        case .referralStatus(let id, let status): ("Phiếu \(id): \(status).", "Referral \(id): \(status).")
        case .referralSent(let id, let out): ("Đã gửi phiếu \(id): \(out).", "Referral \(id) sent: \(out).")
        case .packetVerified(let centre):
            ("Gói hợp lệ: chữ ký đúng của trung tâm \(centre), chứng thực đến gốc tin cậy đã ghim.",
             "Packet opened: validly signed by centre \(centre), certified up to the pinned root.")
        case .trustRoot(let fingerprint):
            ("Gốc tin cậy của hệ thống: \(fingerprint). Khoá ký của các trung tâm:", "Deployment trust root: \(fingerprint). Centre signing keys:")
        case .statsExported(let cells, let suppressed, let repeated):
            ("Đã xuất \(cells) ô, ẩn \(suppressed)\(repeated ? " (trả lại kết quả đã lưu, không thêm nhiễu mới)" : "").",
             "Exported \(cells) cells, \(suppressed) suppressed\(repeated ? " (the stored answer, no new noise)" : "").")
        case .auditVerified(let count):
            ("Nhật ký kiểm tra toàn vẹn: \(count) mục, chuỗi băm và chữ ký đều đúng.",
             "The audit trail is intact: \(count) entries, hash chain and signatures check.")
        case .subjectExportTitle:
            ("Dữ liệu cá nhân Hội LHPN Việt Nam đang lưu giữ về chị", "Personal data the Vietnam Women's Union holds about you")
        case .subjectExportIntro(let at, let by):
            ("Bản trích xuất lúc \(at), do \(by) thực hiện theo Luật Bảo vệ dữ liệu cá nhân (91/2025/QH15). Tài liệu này là bí mật.",
             "Exported at \(at) by \(by) under the Personal Data Protection Law (91/2025/QH15). This document is confidential.")
        case .subjectErasedNotice(let day):
            ("Dữ liệu cá nhân đã được xoá vĩnh viễn ngày \(day); chỉ còn các mã dùng cho thống kê.",
             "Personal data was erased for good on \(day); only codes used for statistics remain.")
        case .subjectExported(let path):
            ("Đã ghi toàn bộ dữ liệu của người này vào \(path) (quyền 0600).", "Everything held about her was written to \(path) (mode 0600).")
        case .subjectErased(let person, let cases):
            ("Đã xoá vĩnh viễn dữ liệu cá nhân của \(person); hồ sơ \(cases.joined(separator: ", ")) chỉ còn mã thống kê.",
             "The personal data of \(person) is erased for good; cases \(cases.joined(separator: ", ")) keep their statistical codes only.")
        case .askAgenciesToDelete(let referrals):
            ("Thông tin của chị đã được gửi qua phiếu \(referrals.joined(separator: ", ")): hãy đề nghị các cơ quan nhận xoá dữ liệu này.",
             "Her data was sent with referrals \(referrals.joined(separator: ", ")): ask the receiving agencies to delete it.")
        case .walNotCleared:
            ("Cảnh báo: một tiến trình khác đang mở cơ sở dữ liệu; nhật ký WAL sẽ được dọn ở lần ghi tiếp theo.",
             "Warning: another process has the database open; the WAL will be cleared at the next checkpoint.")
        case .retentionDue(let person, let centre, let dueOn):
            ("\(person) (\(centre)): hết thời hạn lưu trữ từ ngày \(dueOn).",
             "\(person) (\(centre)): retention period ended on \(dueOn).")
        case .retentionSummary(let count, let dryRun):
            dryRun ? ("Chạy thử: \(count) người sẽ bị xoá dữ liệu cá nhân; chưa thay đổi gì.",
                      "Dry run: \(count) person(s) would have their personal data erased; nothing changed.")
                   : ("Đã xoá dữ liệu cá nhân của \(count) người theo thời hạn lưu trữ.",
                      "Erased the personal data of \(count) person(s) under the retention policy.")
        case .keysRotated(let centre, let version, let persons, let users):
            ("Đã thay khoá trung tâm \(centre) sang phiên bản \(version): bọc lại \(persons) khoá dữ liệu; cấp khoá mới cho \(users.joined(separator: ", "))"
                + " (có hiệu lực khi đăng nhập lần tới).",
             "Centre \(centre) now uses key version \(version): \(persons) data keys re-wrapped; new key granted to \(users.joined(separator: ", "))"
                + " (effective at their next unlock).")
        case .accessRecovered(let user, let keys):
            ("Đã tạo khoá cá nhân mới cho \(user) từ khoá khôi phục; khoá được cấp: \(keys.isEmpty ? "không có" : keys.joined(separator: ", ")).",
             "New keyslot for \(user) from the recovery key; keys: \(keys.isEmpty ? "none" : keys.joined(separator: ", ")).")
        case .deploymentCertified(let root, let accounts, let versions, _):
            ("Đã cấp chứng thư cho \(accounts) tài khoản và \(versions) phiên bản khoá trung tâm. Dấu vân tay gốc tin cậy: \(root)"
                + " — hãy thông báo cho mọi người dùng để họ đối chiếu khi đăng nhập lần tới.",
             "Certified \(accounts) accounts and \(versions) centre-key versions. Trust root fingerprint: \(root)"
                + " — announce it to every user, to compare at their next unlock.")
        case .certifiedAccount(let name, let role, let centre, let active):
            ("  \(name)  \(role)\(centre.map { "  \($0)" } ?? "")\(active ? "" : "  (đã xoá, đã thu hồi)")",
             "  \(name)  \(role)\(centre.map { "  \($0)" } ?? "")\(active ? "" : "  (removed, revoked)")")
        case .serving(let address, let tls):
            ("Ứng dụng web đang chạy tại \(tls ? "https" : "http")://\(address)/ (Ctrl-C để dừng).",
             "The web application is running at \(tls ? "https" : "http")://\(address)/ (Ctrl-C to stop).")
        case .coreDumpsNotRefused:
            ("Không tắt được core dump của tiến trình; máy chủ không khởi động (nó sẽ giữ khoá trong bộ nhớ).",
             "Core dumps of the process could not be turned off; the server does not start (it would hold keys in memory).")
        case .listenNotLoopback:
            ("Chỉ nghe trên địa chỉ nội bộ (127.0.0.1, ::1) khi không có TLS; nếu có proxy TLS phía trước, thêm --behind-proxy; hoặc dùng --tls-cert và --tls-key.",
             "Without TLS the server listens on loopback only (127.0.0.1, ::1); with a TLS proxy in front, add --behind-proxy; or give --tls-cert and --tls-key.")
        case .personalDataOnArgv:
            ("Cảnh báo: thông tin cá nhân trên dòng lệnh có thể bị người dùng khác trên máy đọc được và lưu trong lịch sử shell; hãy dùng --fields-from TỆP hoặc --fields-from - (đầu vào chuẩn).",
             "Warning: personal values on the command line can be read by other users of this machine and stay in shell history; use --fields-from FILE or --fields-from - (standard input).")
        case .grantsRejected(let ids):
            ("Cảnh báo: bỏ qua \(ids.count) lượt cấp khoá không kiểm tra được (chữ ký, quyền hoặc khoá sai: \(ids.map { "#\($0)" }.joined(separator: ", "))); đã ghi nhật ký. Hãy báo quản trị viên.",
             "Warning: skipped \(ids.count) key grant(s) that failed their checks (signature, authority or key: \(ids.map { "#\($0)" }.joined(separator: ", "))); audited. Tell your administrator.")
        case .rootPinned(let fingerprint):
            ("Đã ghim gốc tin cậy \(fingerprint) vào khoá cá nhân của bạn; hãy đối chiếu với dấu vân tay quản trị viên đã thông báo.",
             "Pinned trust root \(fingerprint) in your keyslot; compare it with the fingerprint your administrator announced.")
        case .associationAdded(let id): ("Đã đăng ký hội \(id).", "Association \(id) registered.")
        case .associationUpdated(let id): ("Đã cập nhật hội \(id).", "Association \(id) updated.")
        case .activityRecorded(let id): ("Đã ghi nhận hoạt động của hội \(id).", "Activity of association \(id) recorded.")
        case .noAssociation: ("Không có hội nào.", "No association.")
        case .associationTotal(let n, let year):
            year.map { ("Năm \($0): \(n) hội đã đăng ký.", "\($0): \(n) associations registered.") }
                ?? ("Tổng số hội: \(n).", "Associations: \(n).")
        case .rotateAfterRemoval(let centre):
            ("Nên chạy `caunoi keys rotate --centre \(centre)` để khoá cũ của người này không mở được hồ sơ mới.",
             "Run `caunoi keys rotate --centre \(centre)` so that her old keys open no new or re-wrapped case.")
        case .backupCreated(let path, let cases):
            ("Đã tạo bản sao lưu mã hoá \(path) (\(cases) hồ sơ, quyền 0600). Chỉ khoá khôi phục mở được.",
             "Encrypted backup written to \(path) (\(cases) cases, mode 0600). Only the recovery key opens it.")
        case .backupRestored(let path, let erased):
            ("Đã khôi phục vào \(path); xoá lại \(erased) người theo sổ xoá dữ liệu.",
             "Restored into \(path); \(erased) person(s) erased again from the erasure ledger.")
        case .backupRestoredWithoutLedger(let path):
            ("Đã khôi phục vào \(path) mà không có sổ xoá dữ liệu: những người đã bị xoá sau ngày sao lưu có thể có lại trong bản này. Việc này đã được ghi vào nhật ký kiểm tra.",
             "Restored into \(path) without an erasure ledger: women erased since the backup may be back in this copy. This is recorded in the audit trail.")
        case .budgetSpent(let year, let spent, let budget):
            ("Năm \(year): đã dùng epsilon \(spent) / \(budget).", "\(year): epsilon spent \(spent) of \(budget).")
        }
    }
}

extension Text.Field {
    fileprivate var pair: (String, String) {
        switch self {
        case .caseID: ("Hồ sơ", "Case")
        case .person: ("Người", "Person")
        case .centre: ("Trung tâm", "Centre")
        case .programme: ("Chương trình", "Programme")
        case .status: ("Trạng thái", "Status")
        case .risk: ("Mức rủi ro", "Risk")
        case .assignedTo: ("Người phụ trách", "Assigned to")
        case .origin: ("Tỉnh/thành quê quán", "Origin province")
        case .destination: ("Nước đến", "Destination")
        case .migration: ("Hình thức di cư", "Migration")
        case .ageBand: ("Nhóm tuổi", "Age band")
        case .needs: ("Nhu cầu", "Needs")
        case .opened: ("Ngày mở", "Opened")
        case .closed: ("Ngày đóng", "Closed")
        case .outcome: ("Kết quả", "Outcome")
        case .association: ("Hội", "Association")
        case .name: ("Họ và tên", "Name")
        case .otherNames: ("Tên khác", "Other names")
        case .dob: ("Ngày sinh", "Date of birth")
        case .birthYear: ("Năm sinh", "Birth year")
        case .phones: ("Số điện thoại", "Phones")
        case .email: ("Thư điện tử", "E-mail")
        case .idNumber: ("Số CCCD", "ID number")
        case .passport: ("Số hộ chiếu", "Passport")
        case .address: ("Địa chỉ", "Address")
        case .safeContact: ("Cách liên hệ an toàn", "Safe contact")
        case .notes: ("Ghi chú", "Notes")
        case .history: ("Lịch sử", "History")
        case .role: ("Vai trò", "Role")
        case .active: ("đang hoạt động", "active")
        case .removed: ("đã xoá", "removed")
        case .kind: ("Loại", "Kind")
        case .province: ("Tỉnh/thành", "Province")
        case .consents: ("Sự đồng ý", "Consents")
        case .referrals: ("Chuyển gửi", "Referrals")
        case .accessLog: ("Ai đã xem hoặc thay đổi hồ sơ", "Who read or changed these records")
        case .agency: ("Cơ quan", "Agency")
        case .service: ("Dịch vụ", "Service")
        case .disclosed: ("Thông tin đã chia sẻ", "Information shared")
        case .erased: ("Đã xoá dữ liệu cá nhân", "Personal data erased")
        case .city: ("Thành phố", "City")
        case .founded: ("Thành lập", "Founded")
        case .members: ("Số hội viên", "Members")
        case .website: ("Trang web", "Website")
        case .contactName: ("Người liên hệ", "Contact person")
        case .linkedCases: ("Hồ sơ liên quan", "Linked cases")
        case .activities: ("Hoạt động", "Activities")
        case .supportRequest: ("Yêu cầu hỗ trợ", "Support request")
        case .country: ("Quốc gia", "Country")
        case .associationName: ("Tên hội", "Name of the association")
        case .agencyName: ("Tên cơ quan", "Name of the agency")
        case .englishName: ("Tên tiếng Anh", "English name")
        case .vietnameseName: ("Tên tiếng Việt", "Vietnamese name")
        case .services: ("Dịch vụ tiếp nhận", "Services accepted")
        case .provinces: ("Tỉnh/thành phục vụ", "Provinces served")
        case .countries: ("Quốc gia hoạt động", "Countries")
        case .publicKey: ("Khoá công khai", "Public key")
        case .description: ("Mô tả", "Description")
        case .rule: ("Quy tắc", "Rule")
        case .priority: ("Mức ưu tiên", "Priority")
        case .review: ("Cần trung ương duyệt", "Central review needed")
        case .fields: ("Thông tin sẽ chia sẻ", "Fields disclosed")
        case .phone: ("Số điện thoại", "Phone")
        case .contacts: ("Tiếp xúc", "Contacts")
        case .followUps: ("Việc cần theo dõi", "Follow-ups")
        case .closureRequest: ("Đề nghị đóng hồ sơ (chờ quản lý duyệt)", "Closure requested (awaiting a manager)")
        case .day: ("Ngày", "Day")
        case .time: ("Giờ", "Time")
        case .minutes: ("Thời lượng (phút)", "Duration (minutes)")
        case .staff: ("Cán bộ", "Staff member")
        case .summary: ("Tóm tắt", "Summary")
        case .due: ("Hạn", "Due")
        case .reason: ("Lý do", "Reason")
        case .family: ("Gia đình", "Family")
        case .children: ("Con", "Children")
        case .spouses: ("Chồng hoặc chồng cũ người nước ngoài", "Foreign spouse or former spouse")
        case .sex: ("Giới tính", "Sex")
        case .birthCountry: ("Nơi sinh (nước)", "Country of birth")
        case .birthRegistration: ("Đăng ký khai sinh tại Việt Nam", "Birth registration in Viet Nam")
        case .nationality: ("Quốc tịch", "Nationality")
        case .livesWithHer: ("Sống cùng mẹ", "Lives with her")
        case .relation: ("Quan hệ", "Relation")
        case .contact: ("Liên lạc", "Contact")
        case .concerns: ("Liên quan đến nhu cầu", "Concerns the needs")
        case .documents: ("Giấy tờ", "Documents")
        case .attachments: ("Tệp đính kèm", "Attachments")
        case .document: ("Loại giấy tờ", "Document")
        case .title: ("Tên tệp", "File name")
        case .size: ("Dung lượng", "Size")
        case .plan: ("Kế hoạch hỗ trợ", "Case plan")
        case .goal: ("Mục tiêu", "Goal")
        case .provider: ("Nơi cung cấp", "Provider")
        case .target: ("Hạn hoàn thành", "Target date")
        case .responsible: ("Người phụ trách", "Responsible")
        case .delivered: ("Dịch vụ đã cung cấp", "Services delivered")
        case .serviceOutcome: ("Kết quả", "Outcome")
        case .assessments: ("Đánh giá", "Assessments")
        case .assessmentForm: ("Mẫu đánh giá", "Assessment form")
        case .level: ("Mức độ", "Level")
        case .suggestedLevel: ("Mức độ gợi ý", "Suggested level")
        case .score: ("Điểm", "Score")
        case .answers: ("Câu trả lời", "Answers")
        case .note: ("Ghi chú", "Note")
        }
    }
}
