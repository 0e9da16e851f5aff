import Cases
import Views

/// The one place where a domain failure becomes what the command line shows: its sysexits.h
/// code, the message with fields named as flags, and, where the CLI has a command for the
/// next step, that command.
enum FailureReport {
    static func exitCode(_ error: CaunoiError) -> Int32 {
        switch error.kind {
        case .invalidInput: 64
        case .badData: 65
        case .notFound: 66
        case .cannotCreate: 73
        case .inputOutput: 74
        case .busy: 75
        case .notPermitted: 77
        case .internal: 70
        }
    }

    static func message(_ error: CaunoiError, _ lang: Language) -> String {
        let text = error.message(lang, naming: flag)
        guard let hint = hint(error, lang) else { return text }
        return text + " " + hint
    }

    /// How a field is given on the command line: a flag, or a positional argument's name.
    static func flag(_ field: InputField) -> String {
        switch field {
        case .userName: "NAME"
        case .centreCode: "CODE"
        case .agencyID: "ID"
        case .centreName: "--name"
        case .backup: "BACKUP"
        case .importFile: "FILE"
        case .packet: "PACKET"
        case .policy: "--policy"
        default: "--" + field.rawValue
        }
    }

    /// The command that is the next step, where the domain's message cannot name it.
    private static func hint(_ error: CaunoiError, _ lang: Language) -> String? {
        let (vi, en): (String, String)
        switch error {
        case .alreadyImported:
            (vi, en) = ("Nếu thật sự cần nhập lần nữa, dùng --again.", "If it really must be imported again, use --again.")
        case .agencyHasNoKey:
            (vi, en) = ("Dùng --letter để in thư.", "Use --letter for a printed letter.")
        case .agencyConflict:
            (vi, en) = ("Dùng `caunoi agency add` nếu thay đổi là đúng.", "Use `caunoi agency add` if the change is right.")
        case .databaseNotInitialised:
            (vi, en) = ("Chạy `caunoi init` trước.", "Run `caunoi init` first.")
        case .deploymentNotCertified:
            (vi, en) = ("Lệnh: `caunoi keys certify --recovery-key-file …`.", "Command: `caunoi keys certify --recovery-key-file …`.")
        case .invalidAssociationTransition(_, let from, _) where from == "dissolved":
            (vi, en) = ("Lý do đưa bằng --reason.", "Give the reason with --reason.")
        default:
            return nil
        }
        return lang == .vi ? vi : en
    }
}
