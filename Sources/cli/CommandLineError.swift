import Cases
import Views

/// Failures only the command line has: its own flags and arguments, and the terminal. The
/// domain's failures are `CaunoiError`; both end in `Context.run` as one line on stderr.
enum CommandLineError: Error, Equatable {
    /// The command line did not parse; `detail` is the parser's first line with values withheld.
    case badCommandLine(detail: String)
    /// No `CAUNOI_PASSPHRASE` and no terminal to ask on.
    case noPassphrase
    case missingFlag(String)
    case conflictingFlags(String, String)
    case invalidFlag(String)
    case fileNotFound(String)
    /// `case update --need` (or `--phone`, `--other-name`): it would replace the whole list.
    case wholeListOnUpdate(String)

    var exitCode: Int32 {
        switch self {
        case .badCommandLine, .missingFlag, .conflictingFlags, .invalidFlag, .wholeListOnUpdate: 64
        case .fileNotFound: 66
        case .noPassphrase: 77
        }
    }

    func message(_ lang: Language) -> String {
        let (vi, en): (String, String) = switch self {
        case .badCommandLine(let detail):
            ("Câu lệnh không hợp lệ (\(detail)). Xem `caunoi --help`.", "Invalid command line (\(detail)). See `caunoi --help`.")
        case .noPassphrase:
            ("Cần mật khẩu: đặt CAUNOI_PASSPHRASE hoặc chạy trong terminal.", "A passphrase is needed: set CAUNOI_PASSPHRASE or run in a terminal.")
        case .missingFlag(let flag):
            ("Thiếu tuỳ chọn bắt buộc \(flag).", "Missing required option \(flag).")
        case .conflictingFlags(let a, let b):
            ("Không dùng \(a) cùng với \(b).", "\(a) cannot be used together with \(b).")
        case .invalidFlag(let flag):
            ("Giá trị đã nhập cho \(flag) không hợp lệ.", "The value given for \(flag) is not valid.")
        case .fileNotFound(let flag):
            ("Không tìm thấy tệp \(flag).", "File not found: \(flag).")
        case .wholeListOnUpdate(let name):
            ("--\(name) khi cập nhật sẽ thay cả danh sách; hãy dùng --add-\(name) hoặc --remove-\(name). Không có gì bị thay đổi.",
             "--\(name) on update would replace the whole list; use --add-\(name) or --remove-\(name). Nothing was changed.")
        }
        return lang == .vi ? vi : en
    }
}
