import Foundation
import KubeAPI
import Wire

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A pseudo-terminal pair for `kctl exec -t`: the master stays with kubeletd (it reads what the command writes
/// and writes what the user types), the slave becomes the command's standard input, output and error and its
/// controlling terminal. All descriptors are close-on-exec, so no other child inherits them.
struct PseudoTerminal: Sendable {
    let master: CInt
    let slave: CInt
    let slavePath: String

    /// Allocates a pair (`posix_openpt`, `grantpt`, `unlockpt`, `ptsname_r`).
    static func open() throws -> PseudoTerminal {
        let calls = try PTYCalls.shared()
        let master = calls.openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw ExecError.setup("posix_openpt: \(errorText(errno))") }
        var buffer = [CChar](repeating: 0, count: 128)
        guard calls.grant(master) == 0, calls.unlock(master) == 0, calls.name(master, &buffer, buffer.count) == 0
        else {
            let reason = errorText(errno)
            close(master)
            throw ExecError.setup("cannot set up the pseudo-terminal: \(reason)")
        }
        let path = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let slave = Glibc.open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else {
            let reason = errorText(errno)
            close(master)
            throw ExecError.setup("open \(path): \(reason)")
        }
        return PseudoTerminal(master: master, slave: slave, slavePath: path)
    }

    /// A close-on-exec duplicate of the slave (each standard stream of the command gets its own).
    func duplicateSlave() throws -> CInt {
        let copy = fcntl(slave, F_DUPFD_CLOEXEC, 3)
        guard copy >= 0 else { throw ExecError.setup("dup: \(Self.errorText(errno))") }
        return copy
    }

    /// Sets the terminal's size (the command gets SIGWINCH).
    static func resize(master: CInt, to size: TerminalSize) {
        var window = winsize(
            ws_row: UInt16(clamping: size.height), ws_col: UInt16(clamping: size.width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &window)
    }

    static func errorText(_ code: CInt) -> String {
        String(decoding: Array(UnsafeBufferPointer(start: strerror(code), count: strlen(strerror(code))))
            .map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// The C library's pseudo-terminal calls, looked up at run time: the Glibc module does not declare them (glibc
/// hides them behind `_XOPEN_SOURCE`).
private struct PTYCalls: Sendable {
    typealias DescriptorCall = @convention(c) (CInt) -> CInt
    typealias NameCall = @convention(c) (CInt, UnsafeMutablePointer<CChar>?, Int) -> CInt

    let openpt: DescriptorCall
    let grant: DescriptorCall
    let unlock: DescriptorCall
    let name: NameCall

    static func shared() throws -> PTYCalls {
        guard let library = dlopen(nil, RTLD_NOW),
            let openpt = dlsym(library, "posix_openpt"), let grant = dlsym(library, "grantpt"),
            let unlock = dlsym(library, "unlockpt"), let name = dlsym(library, "ptsname_r")
        else { throw ExecError.setup("this C library has no pseudo-terminal support") }
        return PTYCalls(
            openpt: unsafeBitCast(openpt, to: DescriptorCall.self), grant: unsafeBitCast(grant, to: DescriptorCall.self),
            unlock: unsafeBitCast(unlock, to: DescriptorCall.self), name: unsafeBitCast(name, to: NameCall.self))
    }
}
