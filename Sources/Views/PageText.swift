import Cases

/// The words of the web application's pages (navigation, buttons, headings, hints), Vietnamese
/// first, in the same catalogue layer as every other text. Field names come from `Text.field`
/// and codes from `CodeLabels`; only what is proper to a page is here.
public enum PageText: Sendable {
    case appName
    case login, logout, userName, passphrase, loginTitle, loginHint
    case dashboard, cases, newCase, find, myPassphrase, users, centres, language
    case myCases, unassignedCases, overdueReferrals, awaitingAnswer, workload, reviewQueue, waitingSince, nothingHere
    case allStatuses, allProgrammes, anyone, nobody, filter, previous, next, pageOf(Int, Int), casesFound(Int)
    case openCaseTitle, personSection, caseSection, openButton, optional, chooseOne, typeToChoose
    case caseTitle(String), addNote, noteAdded, save, assign, assignTo, close, closeWith, reopen, reasonLabel
    case editCase, addPhone, removePhone, addOtherName, removeOtherName, editHint
    case findTitle, findHint, searchButton, noMatch, moreMatches(Int)
    case passphraseTitle, currentPassphrase, newPassphrase, repeatPassphrase, passphraseChanged
    case addUser, removeUser, grantKeys, addCentre, keysGranted(String, [String]), keysMissing([String]), userRemovedNotice(String)
    case forbiddenTitle, forbiddenBody, notFoundTitle, notFoundBody, errorTitle, integrityBody(String), badFormTitle, csrfBody
    case tooMany, statistics, statisticsHint, roleLabel, centreLabel, active, removed
    case caseOpenedNotice(String), duplicateWarning([String]), changesSaved
    case matchTitle, matchHint, addToHer, someoneElse
    case addContact, contactAdded, addFollowUp, followUpAdded, markDone, followUpDone, dueFollowUps, centreFollowUps
    case addChild, updateChild(String), addSpouse, nowFormerSpouse, nowSpouse, familySaved
    case comingFollowUps
    case transfer, transferHint, transferRequestedNotice, incomingTransfers, accept, decline, transferAcceptedNotice, transferDeclinedNotice
    case addGoal, markGoal, planService, recordService, planSaved, serviceSaved
    case assessWith(String), assessedNotice, asSuggested, levelHint, showAnswers
    case mergeDuplicate, mergeHint(String), mergeInto, mergeConfirm, mergedNotice, transferCaseOnly(String)
    case reviewBecause, submittedBy, afterTheFact
    case approve, returnToCentre, reviewAfter, reviewApprovedNotice, reviewReturnedNotice, reviewAfterNotice
    case attachFile, attachedNotice, attachHint(Int), documentsSaved, setDocument, holds, needs, offTheList, download
    case requestClosure, approvalHint, approveAndClose, declineClosure, closureRequested, closureDeclined, closureWaiting(String)

    public func text(_ lang: Language) -> String {
        let (vi, en) = pair
        return lang == .vi ? vi : en
    }

    private var pair: (String, String) {
        switch self {
        case .appName: ("Cầu Nối", "Cầu Nối")
        case .login: ("Đăng nhập", "Log in")
        case .logout: ("Đăng xuất", "Log out")
        case .userName: ("Tên người dùng", "User name")
        case .passphrase: ("Mật khẩu", "Passphrase")
        case .loginTitle: ("Đăng nhập Cầu Nối", "Log in to Cầu Nối")
        case .loginHint: ("Máy tính dùng chung: hãy đăng xuất khi rời máy.", "On a shared computer, log out when you leave.")
        case .dashboard: ("Trang chính", "Dashboard")
        case .cases: ("Hồ sơ", "Cases")
        case .newCase: ("Mở hồ sơ mới", "Open a case")
        case .find: ("Tìm kiếm", "Find")
        case .myPassphrase: ("Đổi mật khẩu", "Change passphrase")
        case .users: ("Người dùng", "Users")
        case .centres: ("Trung tâm", "Centres")
        case .language: ("English", "Tiếng Việt")
        case .myCases: ("Hồ sơ tôi phụ trách", "My cases")
        case .unassignedCases: ("Hồ sơ chưa giao", "Unassigned cases")
        case .overdueReferrals: ("Chuyển gửi quá hạn chưa được trả lời", "Overdue referrals")
        case .awaitingAnswer: ("Chuyển gửi đang chờ trả lời", "Referrals awaiting an answer")
        case .workload: ("Khối lượng công việc", "Staff workload")
        case .reviewQueue: ("Chuyển gửi chờ duyệt", "Referrals awaiting review")
        case .waitingSince: ("Chờ từ", "Waiting since")
        case .nothingHere: ("Không có mục nào.", "Nothing here.")
        case .allStatuses: ("Mọi trạng thái", "Any status")
        case .allProgrammes: ("Mọi chương trình", "Any programme")
        case .anyone: ("Bất kỳ ai", "Anyone")
        case .nobody: ("Chưa giao", "Unassigned")
        case .filter: ("Lọc", "Filter")
        case .previous: ("Trang trước", "Previous")
        case .next: ("Trang sau", "Next")
        case .pageOf(let page, let pages): ("Trang \(page)/\(pages)", "Page \(page) of \(pages)")
        case .casesFound(let n): ("\(n) hồ sơ", "\(n) cases")
        case .openCaseTitle: ("Mở hồ sơ mới", "Open a new case")
        case .personSection: ("Thông tin cá nhân (được mã hoá)", "Personal data (encrypted)")
        case .caseSection: ("Thông tin hồ sơ", "About the case")
        case .openButton: ("Mở hồ sơ", "Open the case")
        case .optional: ("không bắt buộc", "optional")
        case .chooseOne: ("— chọn —", "— choose —")
        case .typeToChoose: ("Gõ tên (không dấu cũng được)", "Type the name (diacritics optional)")
        case .caseTitle(let id): ("Hồ sơ \(id)", "Case \(id)")
        case .addNote: ("Thêm ghi chú", "Add a note")
        case .noteAdded: ("Đã thêm ghi chú.", "Note added.")
        case .save: ("Lưu", "Save")
        case .assign: ("Giao hồ sơ", "Assign")
        case .assignTo: ("Giao cho", "Assign to")
        case .close: ("Đóng hồ sơ", "Close the case")
        case .closeWith: ("Kết quả khi đóng", "Outcome")
        case .reopen: ("Mở lại hồ sơ", "Reopen the case")
        case .reasonLabel: ("Lý do", "Reason")
        case .editCase: ("Sửa thông tin", "Edit")
        case .addPhone: ("Thêm số điện thoại", "Add a phone")
        case .removePhone: ("Bỏ số điện thoại", "Remove a phone")
        case .addOtherName: ("Thêm tên khác", "Add another name")
        case .removeOtherName: ("Bỏ tên khác", "Remove another name")
        case .editHint: ("Chỉ điền những gì cần thay đổi; ô để trống giữ nguyên.", "Fill in only what changes; empty boxes keep what is there.")
        case .findTitle: ("Tìm phụ nữ trong hồ sơ của trung tâm", "Find a woman among the centre's cases")
        case .findHint: ("Tên không cần dấu, thứ tự tên nào cũng được.", "Names match without diacritics and in any order.")
        case .searchButton: ("Tìm", "Search")
        case .noMatch: ("Không tìm thấy hồ sơ nào.", "No case found.")
        case .moreMatches(let n): ("Chỉ hiện \(n) người đầu tiên; hãy nhập cụ thể hơn.", "Only the first \(n) women are shown; be more specific.")
        case .passphraseTitle: ("Đổi mật khẩu của tôi", "Change my passphrase")
        case .currentPassphrase: ("Mật khẩu hiện tại", "Current passphrase")
        case .newPassphrase: ("Mật khẩu mới", "New passphrase")
        case .repeatPassphrase: ("Nhập lại mật khẩu mới", "New passphrase again")
        case .passphraseChanged: ("Đã đổi mật khẩu. Hãy đăng nhập lại.", "Passphrase changed. Log in again.")
        case .addUser: ("Thêm người dùng", "Add a user")
        case .removeUser: ("Xoá", "Remove")
        case .grantKeys: ("Cấp khoá", "Grant keys")
        case .addCentre: ("Thêm trung tâm", "Add a centre")
        case .keysGranted(let user, let keys): ("Đã cấp cho \(user): \(keys.joined(separator: ", ")).", "Granted to \(user): \(keys.joined(separator: ", ")).")
        case .keysMissing(let keys):
            ("Chưa cấp được (cần người giữ khoá hoặc khoá khôi phục): \(keys.joined(separator: ", ")).",
             "Not granted (needs a key holder or the recovery key): \(keys.joined(separator: ", ")).")
        case .userRemovedNotice(let user):
            ("Đã xoá \(user). Hãy xoay khoá trung tâm (caunoi keys rotate) để khoá cũ không mở được dữ liệu mới.",
             "\(user) removed. Rotate the centre key (caunoi keys rotate) so her old keys open nothing new.")
        case .forbiddenTitle: ("Không được phép", "Not permitted")
        case .forbiddenBody: ("Bạn không được phép xem hoặc làm việc này.", "You may not see or do this.")
        case .notFoundTitle: ("Không tìm thấy", "Not found")
        case .notFoundBody: ("Không có trang hoặc hồ sơ này.", "There is no such page or record.")
        case .errorTitle: ("Có lỗi", "Something went wrong")
        case .integrityBody(let record):
            ("Dữ liệu của \(record) không khớp với chữ ký; không hiện gì. Hãy báo quản trị viên.",
             "The data of \(record) does not match its seal; nothing is shown. Tell your administrator.")
        case .badFormTitle: ("Hãy sửa những ô được đánh dấu", "Please correct the marked fields")
        case .csrfBody: ("Biểu mẫu đã hết hạn hoặc không đến từ Cầu Nối. Hãy tải lại trang và thử lại.",
                         "The form expired or did not come from Cầu Nối. Reload the page and try again.")
        case .tooMany: ("Đăng nhập sai quá nhiều lần; hãy thử lại sau 15 phút.", "Too many failed logins; try again in 15 minutes.")
        case .statistics: ("Thống kê", "Statistics")
        case .statisticsHint: ("Bảng thống kê đã bảo vệ quyền riêng tư: dùng lệnh caunoi stats (trang web sẽ có sau).",
                               "Privacy-safe tables: use caunoi stats (web pages come later).")
        case .roleLabel: ("Vai trò", "Role")
        case .centreLabel: ("Trung tâm", "Centre")
        case .active: ("đang hoạt động", "active")
        case .removed: ("đã xoá", "removed")
        case .caseOpenedNotice(let id): ("Đã mở hồ sơ \(id).", "Case \(id) opened.")
        case .duplicateWarning(let ids):
            ("Có thể trùng với hồ sơ \(ids.joined(separator: ", ")); hãy kiểm tra.", "Possibly the same woman as \(ids.joined(separator: ", ")); please check.")
        case .changesSaved: ("Đã lưu thay đổi.", "Changes saved.")
        case .matchTitle: ("Có thể chị đã có hồ sơ", "She may already be on file")
        case .matchHint:
            ("Những người dưới đây trùng tên, số điện thoại hoặc số giấy tờ. Nếu là chị ấy, hãy thêm hồ sơ mới vào hồ sơ của chị; nếu không, mở hồ sơ cho người mới.",
             "The women below share a name, phone or document number. If she is one of them, add the new case to her file; if not, open a file for someone new.")
        case .addToHer: ("Đây là chị ấy: thêm hồ sơ mới vào hồ sơ của chị", "It is her: add the new case to her file")
        case .addContact: ("Ghi lần tiếp xúc", "Write down a contact")
        case .contactAdded: ("Đã ghi lần tiếp xúc.", "Contact written down.")
        case .addFollowUp: ("Thêm việc cần theo dõi", "Add a follow-up")
        case .followUpAdded: ("Đã thêm việc cần theo dõi.", "Follow-up added.")
        case .markDone: ("Đánh dấu đã xong", "Mark done")
        case .followUpDone: ("Đã đánh dấu hoàn thành.", "Marked done.")
        case .dueFollowUps: ("Việc đến hạn hôm nay và quá hạn", "Due today and overdue")
        case .centreFollowUps: ("Việc của trung tâm đến hạn và quá hạn", "The centre's follow-ups due and overdue")
        case .comingFollowUps: ("Việc đến hạn trong 7 ngày tới", "Due in the coming week")
        case .transfer: ("Chuyển sang trung tâm khác", "Transfer to another centre")
        case .transferHint:
            ("Chị và mọi hồ sơ của chị sẽ chuyển đi khi quản lý trung tâm nhận đồng ý; sau đó trung tâm này không đọc được dữ liệu của chị nữa.",
             "She and all her cases move once the receiving centre's manager accepts; this centre can then no longer read her data.")
        case .transferRequestedNotice: ("Đã gửi đề nghị chuyển trung tâm; chờ trung tâm nhận đồng ý.", "Transfer requested; waiting for the receiving centre.")
        case .incomingTransfers: ("Đề nghị chuyển đến trung tâm", "Transfers to this centre")
        case .accept: ("Tiếp nhận", "Accept")
        case .decline: ("Từ chối", "Decline")
        case .transferAcceptedNotice: ("Đã tiếp nhận: chị và các hồ sơ đã chuyển về trung tâm.", "Accepted: she and her cases are now here.")
        case .transferDeclinedNotice: ("Đã từ chối đề nghị chuyển.", "Transfer declined.")
        case .addGoal: ("Thêm mục tiêu", "Add a goal")
        case .markGoal: ("Cập nhật mục tiêu", "Update a goal")
        case .planService: ("Lên kế hoạch dịch vụ", "Plan a service")
        case .recordService: ("Ghi dịch vụ đã cung cấp", "Record a service delivered")
        case .planSaved: ("Đã cập nhật kế hoạch hỗ trợ.", "Case plan updated.")
        case .serviceSaved: ("Đã ghi dịch vụ đã cung cấp.", "Service delivered recorded.")
        case .assessWith(let form): ("Đánh giá mới: \(form)", "New assessment: \(form)")
        case .assessedNotice: ("Đã ghi kết quả đánh giá.", "Assessment recorded.")
        case .asSuggested: ("Theo mức gợi ý", "As suggested")
        case .levelHint:
            ("Mức độ được gợi ý từ các câu trả lời. Chọn mức khác thì ghi rõ lý do vào ghi chú.",
             "The answers suggest a level. To decide another, say why in the note.")
        case .showAnswers: ("Xem câu trả lời", "Show the answers")
        case .transferCaseOnly(let id):
            ("Chỉ chuyển hồ sơ \(id) (các hồ sơ khác của chị ở lại trung tâm; hồ sơ này được tách thành bản ghi riêng với khoá riêng)",
             "Only case \(id) (her other cases stay here; this case gets a record and key of its own first)")
        case .approve: ("Duyệt", "Approve")
        case .returnToCentre: ("Trả lại trung tâm", "Return to the centre")
        case .reviewAfter: ("Ghi nhận đã duyệt sau", "Record the review after the fact")
        case .reviewApprovedNotice: ("Đã duyệt; trung tâm có thể gửi.", "Approved; the centre may send it.")
        case .reviewReturnedNotice: ("Đã trả lại trung tâm kèm lý do.", "Returned to the centre with the reason.")
        case .reviewAfterNotice: ("Đã ghi nhận duyệt sau.", "Review after the fact recorded.")
        case .reviewBecause: ("Cần duyệt vì", "Reviewed because")
        case .submittedBy: ("Người gửi", "Submitted by")
        case .afterTheFact: ("(khẩn cấp, duyệt sau)", "(emergency, review after the fact)")
        case .mergeDuplicate: ("Gộp bản ghi trùng", "Merge a duplicate record")
        case .mergeHint(let person):
            ("Nếu chị cũng được ghi ở một bản ghi khác (\(person) là bản ghi trùng), mọi hồ sơ của \(person) sẽ chuyển sang bản ghi được giữ lại; tên gọi khác và số điện thoại chỉ có ở đây được thêm vào; khoá của \(person) bị xoá. Không thể hoàn tác.",
             "If she is also recorded elsewhere (\(person) being the duplicate), every case of \(person) moves to the record kept; names and phones only this record has are added; the key of \(person) is deleted. This cannot be undone.")
        case .mergeInto: ("Giữ lại bản ghi (mã hồ sơ hoặc mã người)", "Keep the record (a case or person id)")
        case .mergeConfirm: ("Tôi đã kiểm tra: đây là cùng một người", "I have checked: this is the same woman")
        case .mergedNotice: ("Đã gộp bản ghi trùng; hồ sơ này nay thuộc bản ghi được giữ lại.", "Duplicate merged; this case now belongs to the record kept.")
        case .attachFile: ("Đính kèm tệp", "Attach a file")
        case .attachedNotice: ("Đã đính kèm tệp (đã mã hoá).", "File attached (encrypted).")
        case .attachHint(let megabytes):
            ("Tối đa \(megabytes) MB. Tệp được mã hoá; tên tệp chỉ cán bộ của trung tâm xem được.",
             "At most \(megabytes) MB. The file is encrypted; only the centre's staff see its name.")
        case .documentsSaved: ("Đã cập nhật danh mục giấy tờ.", "Documents checklist updated.")
        case .setDocument: ("Cập nhật giấy tờ", "Update the checklist")
        case .holds: ("Đã có", "Holds")
        case .needs: ("Cần", "Needs")
        case .offTheList: ("Bỏ khỏi danh mục", "Off the list")
        case .download: ("Tải về", "Download")
        case .addChild: ("Thêm con", "Add a child")
        case .updateChild(let who): ("Cập nhật thông tin của \(who)", "Update \(who)")
        case .addSpouse: ("Thêm chồng hoặc chồng cũ người nước ngoài", "Add a foreign spouse or former spouse")
        case .nowFormerSpouse: ("Đã ly hôn: ghi là chồng cũ", "Divorced: mark as former spouse")
        case .nowSpouse: ("Ghi lại là chồng", "Mark as spouse again")
        case .familySaved: ("Đã lưu thông tin gia đình.", "Family details saved.")
        case .requestClosure: ("Đề nghị quản lý duyệt đóng hồ sơ", "Ask a manager to approve closing")
        case .approvalHint:
            ("Hồ sơ có nguy cơ cao hoặc còn phiếu chuyển gửi đang chờ: cần quản lý duyệt mới đóng được.",
             "High risk, or referrals still waiting: closing needs a manager's approval.")
        case .approveAndClose: ("Duyệt và đóng hồ sơ", "Approve and close")
        case .declineClosure: ("Không duyệt đề nghị đóng", "Decline the closure")
        case .closureRequested: ("Đã gửi đề nghị đóng hồ sơ; chờ quản lý duyệt.", "Closure requested; awaiting a manager's approval.")
        case .closureDeclined: ("Đã không duyệt đề nghị đóng hồ sơ.", "Closure request declined.")
        case .closureWaiting(let outcome): ("Đề nghị đóng hồ sơ đang chờ duyệt: \(outcome).", "A closure request awaits approval: \(outcome).")
        case .someoneElse: ("Đây là người khác: mở hồ sơ cho người mới", "It is someone else: open a file for a new woman")
        }
    }
}
