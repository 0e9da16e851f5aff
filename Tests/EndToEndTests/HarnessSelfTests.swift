import Foundation
import Testing

/// The harness's own checks must be able to fail, or the suite proves nothing.
@Suite("Harness self-checks")
struct HarnessSelfTests {
    static func result(status: Int32, stderr: String) -> CLIResult {
        CLIResult(arguments: ["case", "show"], status: status, crashed: false, stdoutData: Data(), stdout: "", stderr: stderr)
    }

    @Test("a failure whose stderr holds an invented name, with or without diacritics, is flagged")
    func hygieneFlagsPersonalData() {
        withKnownIssue {
            Harness.checkHygiene(Self.result(status: 65, stderr: "caunoi: lỗi với Nguyễn Thị Hoà\n"), sourceLocation: #_sourceLocation)
        }
        withKnownIssue {
            Harness.checkHygiene(Self.result(status: 65, stderr: "caunoi: bad row NGUYEN THI HOA\n"), sourceLocation: #_sourceLocation)
        }
        withKnownIssue {
            Harness.checkHygiene(Self.result(status: 70, stderr: "Fatal error: oops\n"), sourceLocation: #_sourceLocation)
        }
        // A clean one-line failure passes.
        Harness.checkHygiene(Self.result(status: 77, stderr: "caunoi: Sai tên người dùng hoặc mật khẩu.\n"), sourceLocation: #_sourceLocation)
    }

    @Test("the byte scan finds NFC, NFD and folded forms")
    func byteScan() {
        let nfd = Data(("xx" + Invented.hoa.decomposedStringWithCanonicalMapping + "yy").utf8)
        #expect(Invented.needles(Invented.hoa).contains { nfd.containsBytes($0) })
        #expect(!Data(Invented.hoa.precomposedStringWithCanonicalMapping.utf8).containsBytes(Array(Invented.hoa.decomposedStringWithCanonicalMapping.utf8)))
        let folded = Data("..nguyen thi hoa..".utf8)
        #expect(Invented.needles(Invented.hoa).contains { folded.containsBytes($0) })
        #expect(!Data("nguyen thi ho".utf8).containsBytes(Array("nguyen thi hoa".utf8)))
        #expect(Invented.stripped("Đặng Thị Lý") == "Dang Thi Ly")
    }

    @Test("strace creation modes: a rename takes its source's mode, the umask applies")
    func straceParsing() {
        let trace = """
            101 umask(022) = 022
            101 openat(AT_FDCWD, "/t/d/.tmp1", O_RDWR|O_CREAT|O_EXCL, 0666) = 3
            101 rename("/t/d/.tmp1", "/t/d/recovery.key") = 0
            101 openat(AT_FDCWD, "/t/d/caunoi.db", O_RDWR|O_CREAT|O_EXCL|O_CLOEXEC, 0600) = 4
            101 openat(AT_FDCWD, "/t/d/caunoi.db", O_RDWR|O_CREAT|O_CLOEXEC, 0644) = 5
            101 openat(AT_FDCWD, "/t/d/missing", O_RDONLY) = -1 ENOENT (No such file or directory)
            """
        let modes = Strace.creationModes(trace)
        #expect(modes["/t/d/recovery.key"] == 0o644)
        #expect(modes["/t/d/caunoi.db"] == 0o600)
        #expect(modes["/t/d/missing"] == nil)
    }

    @Test("strace creation modes: a call split by another thread is joined again")
    func straceSplitCalls() {
        let trace = """
            101 openat(AT_FDCWD, "/t/d/recovery.key", O_WRONLY|O_CREAT|O_EXCL|O_CLOEXEC, 0600 <unfinished ...>
            102 futex(0x7f00, FUTEX_WAKE_PRIVATE, 1) = 0
            101 <... openat resumed>) = 3
            102 openat(AT_FDCWD, "/t/d/caunoi.db", O_RDWR|O_CREAT|O_CLOEXEC, 0644 <unfinished ...>
            102 <... openat resumed>) = -1 EACCES (Permission denied)
            """
        let modes = Strace.creationModes(trace)
        #expect(modes["/t/d/recovery.key"] == 0o600)
        #expect(modes["/t/d/caunoi.db"] == nil)
    }

    @Test("strace creation modes: short pids are padded to five columns")
    func stracePaddedPids() {
        let trace = """
            4870  umask(022)                        = 022
            4870  openat(AT_FDCWD, "/t/d/recovery.key", O_WRONLY|O_CREAT|O_EXCL|O_CLOEXEC, 0600) = 6
            4871  openat(AT_FDCWD, "/t/d/caunoi.db", O_RDWR|O_CREAT|O_CLOEXEC, 0644 <unfinished ...>
            4871  <... openat resumed>) = 7
            12345 openat(AT_FDCWD, "/t/d/other", O_WRONLY|O_CREAT, 0666) = 8
            """
        let modes = Strace.creationModes(trace)
        #expect(modes["/t/d/recovery.key"] == 0o600)
        #expect(modes["/t/d/caunoi.db"] == 0o644)
        #expect(modes["/t/d/other"] == 0o644)
    }
}
