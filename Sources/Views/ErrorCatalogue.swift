import Cases

/// The Vietnamese and English text of every error. One line each, no personal data, and no
/// word of any one face: each face says how a field is called there (`naming`: a flag for the
/// CLI, a form label for the web) and may add its own hint on what to do next.
extension CaunoiError {
    public func message(_ lang: Language, naming name: (InputField) -> String) -> String {
        let (vi, en) = texts(name)
        return lang == .vi ? vi : en
    }

    private func texts(_ name: (InputField) -> String) -> (String, String) {
        switch self {
        case .missing(let field):
            ("Thiếu thông tin bắt buộc: \(name(field)).", "A required value is missing: \(name(field)).")
        case .conflicting(let a, let b):
            ("Không dùng \(name(a)) cùng với \(name(b)).", "\(name(a)) cannot be used together with \(name(b)).")
        case .unexpected(let field):
            ("\(name(field)) không áp dụng ở đây.", "\(name(field)) does not apply here.")
        case .invalid(let field):
            ("Giá trị đã nhập cho \(name(field)) không hợp lệ.", "The value given for \(name(field)) is not valid.")
        case .nothingToUpdate:
            ("Không có gì để thay đổi.", "Nothing to change was given.")
        case .unknownCode(let list, _):
            ("Giá trị đã nhập không có trong danh mục \(list).", "The value given is not in the \(list) code list.")
        case .invalidDate(let field):
            ("Ngày không hợp lệ cho \(name(field)) (cần YYYY-MM-DD).", "Invalid date for \(name(field)) (expected YYYY-MM-DD).")
        case .implausibleDate(let field):
            ("Ngày không hợp lý cho \(name(field)): hồ sơ mở từ năm 2000 đến hôm nay; ngày sinh từ năm 1900 đến ngày mở hồ sơ.",
             "Implausible date for \(name(field)): cases are opened from 2000 up to today; births are from 1900 up to the opening day.")
        case .alreadyImported(let day):
            ("Tệp này đã được nhập ngày \(day); không nhập lại.", "This file was already imported on \(day); nothing was imported.")
        case .integrityFailure(let record):
            ("Lỗi toàn vẹn dữ liệu: bản ghi \(record) đã bị sửa hoặc chuyển chỗ; không mở được.",
             "Integrity failure: record \(record) was altered or moved and cannot be opened.")
        case .auditChainBroken(let entry):
            ("Nhật ký kiểm tra không toàn vẹn từ mục #\(entry): đã bị sửa, xoá, đổi thứ tự hoặc ký lại.",
             "The audit trail is broken at entry #\(entry): it was edited, deleted, reordered or re-signed.")
        case .importFailed(let line, let column, let problem):
            ("Nhập dữ liệu thất bại, dòng \(line), cột \(column): \(problem.message(.vi)). Không có gì được ghi.",
             "Import failed at line \(line), column \(column): \(problem.message(.en)). Nothing was written.")
        case .policyInvalid(let file, let line, let problem):
            ("\(file):\(line): \(problem)", "\(file):\(line): \(problem)")
        case .invalidTransition(let id, let from, let to):
            ("Hồ sơ \(id) đang ở trạng thái \(from), không thể chuyển sang \(to).",
             "Case \(id) is \(from) and cannot become \(to).")
        case .contactDateOutOfRange(let days):
            ("Ngày tiếp xúc phải từ ngày mở hồ sơ đến hôm nay, và không quá \(days) ngày trước hôm nay.",
             "A contact's day must lie between the case's opening and today, and not more than \(days) days back.")
        case .approvalNeeded(let id):
            ("Đóng hồ sơ \(id) cần quản lý phê duyệt (nguy cơ cao hoặc còn phiếu chuyển gửi đang chờ): hãy gửi yêu cầu đóng hồ sơ.",
             "Closing case \(id) needs a manager's approval (high risk, or referrals still waiting): request the closure instead.")
        case .noClosureRequest(let id):
            ("Hồ sơ \(id) không có yêu cầu đóng nào đang chờ.", "Case \(id) has no closure request waiting.")
        case .invalidReferralTransition(let id, let from, let to):
            ("Phiếu chuyển gửi \(echoIfRecordID(id)) đang ở trạng thái \(from), không thể chuyển sang \(to).",
             "Referral \(echoIfRecordID(id)) is \(from) and cannot become \(to).")
        case .invalidAssociationTransition(let id, let from, let to):
            ("Hội \(echoIfRecordID(id)) đang ở trạng thái \(from), không thể chuyển sang \(to)\(from == "dissolved" ? " nếu không có lý do" : "").",
             "Association \(echoIfRecordID(id)) is \(from) and cannot become \(to)\(from == "dissolved" ? " without a reason" : "").")
        case .noRoutingRule(let service, let agency):
            ("Không có quy tắc chuyển gửi nào cho phép dịch vụ \(echoIfCode(service)) tới \(echoIfCode(agency)) với hồ sơ này.",
             "No routing rule allows service \(echoIfCode(service)) at \(echoIfCode(agency)) for this case.")
        case .agencyDoesNotOffer(let agency, let service):
            ("Cơ quan \(echoIfCode(agency)) không nhận dịch vụ \(echoIfCode(service)).", "Agency \(echoIfCode(agency)) does not accept \(echoIfCode(service)).")
        case .agencyHasNoKey(let agency):
            ("Cơ quan \(echoIfCode(agency)) chưa có khoá công khai; chỉ gửi được bằng thư in.",
             "Agency \(echoIfCode(agency)) has no public key; only a printed letter can be sent.")
        case .forbiddenCharacters(let field):
            ("Giá trị của \(field) chứa ký tự điều khiển hoặc ký tự đảo chiều văn bản; không có gì được ghi.",
             "The value of \(field) holds control or text-direction characters; nothing was written.")
        case .agencyConflict(let agency, let field):
            ("Tệp nhập sẽ thay đổi \(field == "kind" ? "loại" : "khoá công khai") của cơ quan \(echoIfRecordID(agency)) đã có trong danh bạ; không có gì được ghi.",
             "The import would change the \(field == "kind" ? "kind" : "public key") of agency \(echoIfRecordID(agency)), already in the directory; nothing was written.")
        case .packetUnreadable:
            ("Không mở được gói chuyển gửi: sai khoá hoặc gói đã bị sửa.", "The referral packet cannot be opened: wrong key or altered packet.")
        case .malformedFile(let what):
            ("Tệp \(what) sai định dạng.", "The \(what) file is malformed.")
        case .hsdsInvalid(let position, let field):
            ("Tệp HSDS không hợp lệ: tổ chức thứ \(position), trường \(field). Không có gì được ghi.",
             "Invalid HSDS file: organisation #\(position), field \(field). Nothing was written.")
        case .notADatabase:
            ("Tệp không phải cơ sở dữ liệu caunoi hoặc đã hỏng.", "The file is not a caunoi database, or it is damaged.")
        case .databaseNotInitialised:
            ("Cơ sở dữ liệu chưa được khởi tạo.", "The database is not initialised.")
        case .databaseAlreadyInitialised:
            ("Cơ sở dữ liệu đã được khởi tạo.", "The database is already initialised.")
        case .deploymentNotCertified:
            ("Cơ sở dữ liệu được tạo bởi phiên bản cũ và chưa có chứng thư khoá: quản trị viên cần chứng thực một lần bằng khoá khôi phục.",
             "This database was made by an older version and has no key certificates yet: an admin must certify it once with the recovery key.")
        case .deploymentAlreadyCertified:
            ("Cơ sở dữ liệu này đã có chứng thư khoá.", "This database already has key certificates.")
        case .weakPassphrase:
            ("Mật khẩu quá ngắn (ít nhất 12 ký tự).", "The passphrase is too short (at least 12 characters).")
        case .passphraseMismatch:
            ("Hai lần nhập mật khẩu không khớp.", "The two passphrases do not match.")
        case .subjectErased(let id):
            ("Dữ liệu cá nhân của \(echoIfRecordID(id)) đã bị xoá vĩnh viễn; chỉ còn các mã thống kê.",
             "The personal data of \(echoIfRecordID(id)) was erased for good; only statistical codes remain.")
        case .personMerged(let id, let into):
            ("\(echoIfRecordID(id)) là bản ghi trùng đã được gộp vào \(echoIfRecordID(into)); các hồ sơ của chị nay thuộc \(echoIfRecordID(into)).",
             "\(echoIfRecordID(id)) was a duplicate merged into \(echoIfRecordID(into)); her cases are now \(echoIfRecordID(into))'s.")
        case .backupUnreadable:
            ("Tệp sao lưu không đọc được: sai khoá khôi phục, tệp hỏng hoặc đã bị sửa. Không có gì được ghi.",
             "The backup cannot be read: wrong recovery key, damaged or altered file. Nothing was written.")
        case .deploymentMismatch:
            ("Cơ sở dữ liệu đang dùng thuộc một hệ thống khác với bản sao lưu; không có gì được ghi.",
             "The live database belongs to another deployment than the backup; nothing was written.")
        case .backupSignerUnknown(let user):
            ("Bản sao lưu được ký bằng một khoá mà cơ sở dữ liệu đang dùng không ghi nhận cho người dùng \(echoIfCode(user)); không có gì được ghi.",
             "The backup is signed with a key the live database does not record for user \(echoIfCode(user)); nothing was written.")
        case .confirmationMismatch(let field):
            ("\(name(field)) phải nhắc lại đúng mã đã nhập; không có gì bị thay đổi.",
             "\(name(field)) must repeat exactly the id given; nothing was changed.")
        case .caseNotFound(let id):
            ("Không tìm thấy hồ sơ \(echoIfRecordID(id)).", "No case \(echoIfRecordID(id)).")
        case .personNotFound(let id):
            ("Không tìm thấy người \(echoIfRecordID(id)).", "No person \(echoIfRecordID(id)).")
        case .userNotFound:
            ("Không có người dùng với tên đã nhập.", "No user by the name given.")
        case .centreNotFound:
            ("Không có trung tâm với mã đã nhập.", "No centre with the code given.")
        case .agencyNotFound:
            ("Không có cơ quan với mã đã nhập trong danh bạ.", "No agency with the id given in the directory.")
        case .referralNotFound(let id):
            ("Không tìm thấy phiếu chuyển gửi \(echoIfRecordID(id)).", "No referral \(echoIfRecordID(id)).")
        case .associationNotFound(let id):
            ("Không có hội \(echoIfRecordID(id)).", "No association \(echoIfRecordID(id)).")
        case .attachmentNotFound(let id):
            ("Không có tệp đính kèm \(echoIfRecordID(id)).", "No attachment \(echoIfRecordID(id)).")
        case .fileTooLarge(let megabytes):
            ("Tệp quá lớn: tối đa \(megabytes) MB; không có gì được ghi.", "The file is too large: at most \(megabytes) MB; nothing was written.")
        case .transferNotFound(let id):
            ("Không có đề nghị chuyển trung tâm \(echoIfRecordID(id)).", "No transfer \(echoIfRecordID(id)).")
        case .transferPending(let id):
            ("Đã có một đề nghị chuyển trung tâm của \(echoIfRecordID(id)) đang chờ.", "A transfer of \(echoIfRecordID(id)) is already waiting.")
        case .referralsInProgress(let id):
            ("Hồ sơ \(echoIfRecordID(id)) còn phiếu chuyển gửi đang xử lý: cần có trả lời hoặc rút lại trước khi chuyển trung tâm.",
             "Case \(echoIfRecordID(id)) has referrals in progress: they must be answered or withdrawn before she is transferred.")
        case .transferNotPending(let id):
            ("Đề nghị chuyển trung tâm \(echoIfRecordID(id)) đã được quyết định.", "Transfer \(echoIfRecordID(id)) was already decided.")
        case .taskNotFound(let id):
            ("Không có việc cần theo dõi \(echoIfRecordID(id)).", "No follow-up \(echoIfRecordID(id)).")
        case .fileNotFound(let field):
            ("Không tìm thấy tệp \(name(field)).", "File not found: \(name(field)).")
        case .databaseNotFound(let path):
            ("Không tìm thấy cơ sở dữ liệu \(path).", "Database not found: \(path).")
        case .cannotCreate(let field):
            ("Không tạo được tệp \(name(field)).", "Cannot create the file \(name(field)).")
        case .databaseBusy:
            ("Cơ sở dữ liệu đang bận; hãy thử lại.", "The database is busy; try again.")
        case .sessionEnded:
            ("Phiên làm việc đã hết hạn hoặc bị thu hồi; hãy đăng nhập lại.", "The session has expired or was revoked; log in again.")
        case .wrongPassphrase:
            ("Sai tên người dùng hoặc mật khẩu.", "Wrong user name or passphrase.")
        case .tooManyAttempts:
            ("Đăng nhập sai quá nhiều lần; hãy thử lại sau 15 phút.", "Too many failed logins; try again in 15 minutes.")
        case .userRemoved(let name):
            ("Người dùng \(echoIfCode(name)) đã bị xoá.", "User \(echoIfCode(name)) has been removed.")
        case .roleNotAllowed(let role):
            ("Vai trò \(role) không được phép làm việc này.", "The role \(role) is not permitted to do this.")
        case .notYourCentre:
            ("Không được phép: hồ sơ hoặc người dùng thuộc trung tâm khác.", "Not permitted: the case or user belongs to another centre.")
        case .keysMissing:
            ("Không được phép: bạn chưa được cấp khoá cần thiết.", "Not permitted: you have not been granted the keys this needs.")
        case .consentMissing:
            ("Không được phép: chưa có sự đồng ý của người phụ nữ cho cơ quan và các thông tin này.",
             "Not permitted: she has not consented to this agency receiving these fields.")
        case .privacyBudgetExhausted(let year):
            ("Không được phép: ngân sách quyền riêng tư (epsilon) năm \(year) không đủ cho lần xuất này.",
             "Not permitted: the privacy budget (epsilon) for \(year) cannot cover this export.")
        case .wrongRecoveryKey:
            ("Khoá khôi phục không đúng.", "The recovery key is wrong.")
        case .diskFull:
            ("Ổ đĩa đầy; không có gì được ghi.", "The disk is full; nothing was written.")
        case .ioFailure(let field):
            ("Lỗi đọc/ghi: \(name(field)).", "I/O error: \(name(field)).")
        case .databaseReadOnly:
            ("Cơ sở dữ liệu chỉ đọc được; không ghi được gì.", "The database is read-only; nothing can be written.")
        case .disclosureCheckFailed:
            ("Bảng không qua được kiểm tra chống nhận diện; không xuất gì.", "The table failed its own disclosure check; nothing was exported.")
        case .internalError(let what):
            ("Lỗi nội bộ (\(what)).", "Internal error (\(what)).")
        }
    }
}

extension ImportProblem {
    public func message(_ lang: Language) -> String {
        let (vi, en): (String, String) = switch self {
        case .missing: ("thiếu giá trị bắt buộc", "a required value is missing")
        case .unknownColumn: ("cột không được hỗ trợ", "unsupported column")
        case .unknownCode: ("mã không có trong danh mục", "the code is not in its code list")
        case .invalidDate: ("ngày không hợp lệ (cần YYYY-MM-DD)", "invalid date (expected YYYY-MM-DD)")
        case .invalidValue: ("giá trị không hợp lệ", "invalid value")
        case .malformedRow: ("dòng sai định dạng", "malformed row")
        case .conflictsWithEarlierRow: ("mâu thuẫn với dòng trước cùng person-ref", "conflicts with an earlier row of the same person-ref")
        case .implausibleDate: ("ngày không hợp lý (mở hồ sơ từ 2000 đến hôm nay; sinh từ 1900 đến ngày mở)", "implausible date (opened 2000 to today; born 1900 to the opening day)")
        case .duplicateColumn: ("cột xuất hiện hai lần trong tiêu đề", "the column appears twice in the header")
        case .forbiddenCharacters: ("chứa ký tự điều khiển hoặc ký tự đảo chiều văn bản", "holds control or text-direction characters")
        }
        return lang == .vi ? vi : en
    }
}
