import Foundation
import KubeAPI
import Wire

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// kctl's own terminal during `kctl exec -t`: raw mode (every key goes to the remote terminal, which echoes and
/// interprets it) and its size.
struct LocalTerminal {
    private let descriptor: CInt
    private let saved: termios

    /// Puts `descriptor` (a terminal) in raw mode; nil when it is not a terminal. Call ``restore()`` before exiting.
    static func makeRaw(_ descriptor: CInt) -> LocalTerminal? {
        guard isatty(descriptor) == 1 else { return nil }
        var attributes = termios()
        guard tcgetattr(descriptor, &attributes) == 0 else { return nil }
        var raw = attributes
        cfmakeraw(&raw)
        guard tcsetattr(descriptor, TCSANOW, &raw) == 0 else { return nil }
        return LocalTerminal(descriptor: descriptor, saved: attributes)
    }

    /// Puts the terminal back as it was.
    func restore() {
        var attributes = saved
        _ = tcsetattr(descriptor, TCSANOW, &attributes)
    }

    /// The size of the terminal on `descriptor`, if it is one.
    static func size(_ descriptor: CInt) -> TerminalSize? {
        var window = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else {
            return nil
        }
        return TerminalSize(width: Int(window.ws_col), height: Int(window.ws_row))
    }

    /// The size to give the remote terminal: kctl's output terminal's, else its input's.
    static func currentSize() -> TerminalSize? {
        size(STDOUT_FILENO) ?? size(STDIN_FILENO)
    }
}

/// kctl's standard input, read without blocking a thread when it is a terminal or a pipe (a regular file is read
/// directly: reading it never waits).
enum StandardInput {
    /// Sends standard input to the stream until end-of-file (then closes the stream's stdin) or cancellation.
    static func pump(to stream: WireStream) async {
        if DescriptorStream.isStreamable(STDIN_FILENO) {
            // NIO makes the descriptor non-blocking; the flag is shared with the shell's, so put it back.
            let flags = fcntl(STDIN_FILENO, F_GETFL)
            defer { _ = fcntl(STDIN_FILENO, F_SETFL, flags) }
            let copy = fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 3)
            guard copy >= 0 else { return }
            do {
                try await DescriptorStream.run(copy) { chunks, _ in
                    for try await bytes in chunks { await stream.write(bytes) }
                }
            } catch {
                return
            }
        } else {
            let input = FileHandle(fileDescriptor: STDIN_FILENO, closeOnDealloc: false)
            while !Task.isCancelled, let data = try? input.read(upToCount: 64 * 1024), !data.isEmpty {
                await stream.write(Array(data))
            }
        }
        if !Task.isCancelled { await stream.closeStdin() }
    }
}

/// Where stream output goes.
enum StandardOutput {
    static func write(_ chunk: StreamChunk) {
        let handle = chunk.stream == .stderr ? FileHandle.standardError : FileHandle.standardOutput
        handle.write(Data(chunk.bytes))
    }
}
