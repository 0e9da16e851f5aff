import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Creates files that are owner-only (0600) from their first byte: `open(O_CREAT|O_EXCL)`
/// with the mode, then write through that descriptor. (Foundation's `createFile` writes a
/// temporary file with the umask's mode and only then changes it.)
public enum OwnerOnlyFile {
    /// Fails if the file exists; the caller names what it was creating.
    public static func create(atPath path: String, contents: [UInt8], what: String) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CaunoiError.cannotCreate(what) }
        defer { close(fd) }
        var offset = 0
        while offset < contents.count {
            let written = contents[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else {
                unlink(path)
                throw errno == ENOSPC ? CaunoiError.diskFull : CaunoiError.ioFailure(what)
            }
            offset += written
        }
        guard fsync(fd) == 0 else { unlink(path); throw CaunoiError.ioFailure(what) }
    }
}
