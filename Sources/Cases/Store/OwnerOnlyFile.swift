import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Creates files that are owner-only (0600) from their first byte: `open(O_CREAT|O_EXCL)`
/// with the mode, then write through that descriptor. (Foundation's `createFile` writes a
/// temporary file with the umask's mode and only then changes it.)
public enum OwnerOnlyFile {
    /// Fails if the file exists; the caller names what it was creating.
    public static func create(atPath path: String, contents: [UInt8], what: InputField) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CaunoiError.cannotCreate(what) }
        defer { close(fd) }
        var offset = 0
        while offset < contents.count {
            let written = contents[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else {
                let code = errno  // before unlink can change it
                unlink(path)
                throw code == ENOSPC ? CaunoiError.diskFull : CaunoiError.ioFailure(what)
            }
            offset += written
        }
        // Delayed allocation can report a full disk only here.
        guard fsync(fd) == 0 else {
            let code = errno
            unlink(path)
            throw code == ENOSPC ? CaunoiError.diskFull : CaunoiError.ioFailure(what)
        }
    }

    /// Flushes a file someone else wrote (SQLite's `VACUUM INTO` does not fsync its output).
    public static func sync(atPath path: String, what: InputField) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CaunoiError.ioFailure(what) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw errno == ENOSPC ? CaunoiError.diskFull : CaunoiError.ioFailure(what) }
    }
}
