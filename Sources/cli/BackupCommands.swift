import ArgumentParser
import Cases
import Views
import Foundation

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Encrypted backups that only the offline recovery key opens.",
        subcommands: [Create.self, Restore.self])

    struct Create: UnlockedCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write an encrypted snapshot of the whole database (admin; file created 0600, never overwritten).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The backup file to create.") var out: String

        func run(_ work: Work) throws {
            let summary = try work.store.createBackup(work.session, to: out)
            try work.answer(summary, saying: .backupCreated(summary.path, summary.cases))
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore a backup into a new database file (disaster recovery).",
            discussion: """
                --db names the NEW file and must be given explicitly (CAUNOI_DB is not used). The acting user \
                (--user) is an admin of the backed-up database, with the passphrase she had then. Give the live \
                database with --erasures-from so that every woman erased since the backup is erased again before \
                anything is written; only if it is lost, say --no-ledger (this is recorded in the audit trail).
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The backup file.") var file: String
        @Option(name: .customLong("erasures-from"), help: "The live database, whose erasure ledger is applied.") var erasuresFrom: String?
        @Flag(name: .customLong("no-ledger"), help: "Restore without an erasure ledger (the live database is lost).") var noLedger = false
        @Option(help: "The recovery key file.") var recoveryKeyFile: String?

        func run() throws {
            let context = Context(global)
            try context.run {
                guard let newPath = global.db else { throw CommandLineError.missingFlag("--db") }
                let ledger: RestoreLedger
                switch (erasuresFrom, noLedger) {
                case (let live?, false): ledger = .live(path: live)
                case (nil, true): ledger = .none
                case (nil, false): throw CommandLineError.missingFlag("--erasures-from LIVE_DB | --no-ledger")
                case (_?, true): throw CommandLineError.conflictingFlags("--erasures-from", "--no-ledger")
                }
                guard let keyFile = recoveryKeyFile else { throw CaunoiError.missing(.recoveryKey) }
                let user = try context.userName()
                let recovery = try RecoveryKey.read(file: keyFile)
                let summary = try CaseStore.restoreBackup(file: file, into: newPath, recovery: recovery, ledger: ledger, user: user,
                                                          passphrase: { try context.passphrase(for: user) })
                if global.json {
                    try context.emit(summary)
                } else if summary.ledger {
                    context.say(.backupRestored(summary.path, summary.erased.count))
                } else {
                    context.say(.backupRestoredWithoutLedger(summary.path))
                }
            }
        }
    }
}
