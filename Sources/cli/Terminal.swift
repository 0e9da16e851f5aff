import Cases
import Views
import CaunoiCrypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading secrets from the controlling terminal without echo, and knowing whether one exists.
enum Terminal {
    static var hasTTY: Bool {
        let fd = open("/dev/tty", O_RDWR)
        if fd < 0 { return false }
        close(fd)
        return true
    }

    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }

    /// Prompts on /dev/tty with echo off; nil when there is no terminal.
    static func readSecret(prompt: String) -> SecureBytes? {
        let fd = open("/dev/tty", O_RDWR)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        _ = prompt.withCString { write(fd, $0, strlen($0)) }
        var saved = termios()
        tcgetattr(fd, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(fd, TCSAFLUSH, &silent)
        defer {
            tcsetattr(fd, TCSAFLUSH, &saved)
            _ = "\n".withCString { write(fd, $0, 1) }
        }
        var buffer = [UInt8](repeating: 0, count: 1024)
        var length = 0
        while length < buffer.count {
            var byte: UInt8 = 0
            let n = read(fd, &byte, 1)
            if n <= 0 || byte == 10 || byte == 13 { break }
            buffer[length] = byte
            length += 1
        }
        let secret = SecureBytes(copying: buffer[0..<length])
        buffer.withUnsafeMutableBytes { raw in
            for i in raw.indices { raw[i] = 0 }
        }
        return secret
    }
}
