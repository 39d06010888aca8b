import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The tiny first step of a `kctl exec -t` command: kubeletd starts itself as
/// `kubeletd __exec-with-terminal PATH ARGV0 ARGS...` in a new session with the pseudo-terminal's slave as its
/// standard streams; this makes that terminal the session's controlling terminal (so the shell gets job control
/// and Ctrl-C reaches its foreground job) and then replaces itself with the command (`execv`).
///
/// swift-subprocess can start a process in a new session but cannot give it a controlling terminal; a process
/// can only take one for itself, hence this step, as `runc init` does for containers.
enum ExecTTYHelper {
    /// The first argument that selects this mode.
    static let argument = "__exec-with-terminal"

    /// The arguments to start the helper with for `command`, whose program is `executable`.
    static func arguments(executable: String, command: [String]) -> [String] {
        [argument, executable] + command
    }

    /// When kubeletd was started as the helper: takes the controlling terminal and runs the command; never
    /// returns then (it exits with 126 or 127 when the command cannot be run, as a shell would).
    static func runIfRequested(_ arguments: [String] = CommandLine.arguments) {
        guard arguments.count >= 4, arguments[1] == argument else { return }
        _ = ioctl(STDIN_FILENO, UInt(TIOCSCTTY), CInt(0))
        let path = arguments[2]
        let argv = Array(arguments[3...])
        var pointers: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        execv(path, &pointers)
        let failure = errno
        let message = "exec: \"\(argv[0])\": \(PseudoTerminal.errorText(failure))\r\n"
        _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        exit(failure == ENOENT ? 127 : 126)
    }
}
