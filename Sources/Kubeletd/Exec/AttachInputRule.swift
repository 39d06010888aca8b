import KubeAPI
import Wire

/// What a `pods/attach` session does with what its client sends, as containerd's attach decides it: stdin reaches
/// the process only when both the client asked for it and the container has `stdin: true` (otherwise it is
/// dropped); when the client's stdin ends, a `stdinOnce` container without a terminal has its stdin closed and the
/// session keeps the output until the process ends, any other container keeps its stdin and the session detaches;
/// terminal sizes apply only to a container with `tty`. Pure.
struct AttachInputRule: Sendable, Hashable {
    /// What to do with one message from the client.
    enum Action: Sendable, Hashable {
        case write([UInt8])
        case closeContainerStdin
        case detach
        case resize(TerminalSize)
        case ignore
    }

    /// The container's `stdin`, `stdinOnce`, `tty`.
    var containerStdin: Bool
    var stdinOnce: Bool
    var tty: Bool
    /// The request's `stdin`.
    var clientStdin: Bool

    /// Whether the client's stdin reaches the process at all.
    var carriesStdin: Bool { containerStdin && clientStdin }

    func action(for input: StreamInput) -> Action {
        switch input {
        case .stdin(let bytes):
            return carriesStdin && !bytes.isEmpty ? .write(bytes) : .ignore
        case .stdinClosed:
            guard carriesStdin else { return .ignore }
            return stdinOnce && !tty ? .closeContainerStdin : .detach
        case .resize(let size):
            return tty ? .resize(size) : .ignore
        }
    }

    /// Whether the container's stdin is closed when the session ends without the client having closed its stdin
    /// (it went away): a `stdinOnce` container's stdin belongs to its first client.
    var closesStdinWhenSessionEnds: Bool { carriesStdin && stdinOnce && !tty }
}
