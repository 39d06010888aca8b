import Foundation
import KubeAPI
import Wire

/// What `kctl exec` was asked for, checked as kubectl checks it, the `pods/exec` request, and how its end is
/// reported. Pure.
struct ExecPlan: Sendable, Equatable {
    var target: String
    var command: [String]
    var container: String?
    var stdin: Bool
    /// Whether the session runs on a terminal (see ``init(pod:command:container:stdin:tty:stdinIsTerminal:)``).
    var tty: Bool
    /// kubectl's warning when a terminal was asked for but stdin is not one.
    var warning: String?

    /// Checks the command line: `POD -- COMMAND...` (`TYPE/NAME` also names a pod). A terminal needs `-i` and a
    /// terminal on stdin: `-t` without `-i` is ignored; with `-i` but no terminal it is dropped with kubectl's
    /// warning.
    ///
    /// - Throws: ``LogsExecError`` with kubectl's message.
    init(pod: String?, command: [String], container: String?, stdin: Bool, tty: Bool, stdinIsTerminal: Bool) throws {
        guard let first = pod, !first.isEmpty else {
            throw LogsExecError("pod, type/name or --filename must be specified")
        }
        guard !command.isEmpty else { throw LogsExecError("you must specify at least one command for the container") }
        target = first
        self.command = command
        self.container = container.flatMap { $0.isEmpty ? nil : $0 }
        self.stdin = stdin
        self.tty = tty && stdin && stdinIsTerminal
        warning = tty && stdin && !stdinIsTerminal
            ? "Unable to use a TTY - input is not a terminal or the right kind of file" : nil
    }

    /// The `pods/exec` request for `container` of pod `pod`.
    func request(namespace: String, pod: String, container: String) -> Request {
        var request = Request(verb: .create, kind: ResourceKind.pod.kind, namespace: namespace, name: pod)
        request.subresource = Request.execSubresource
        request.container = container
        request.command = command
        if stdin { request.stdin = true }
        if tty { request.tty = true }
        return request
    }

    /// kubectl refuses completed pods before connecting.
    static func refusal(for pod: Pod) -> LogsExecError? {
        guard let phase = pod.status.phase, phase == "Succeeded" || phase == "Failed" else { return nil }
        return LogsExecError("cannot exec into a container in a completed pod; current phase is \(phase)")
    }

    /// kctl's exit code and stderr line for how the session ended: the command's code, with
    /// `command terminated with exit code N` when it is not 0.
    static func exit(for outcome: StreamOutcome?) -> (code: Int32, message: String?) {
        guard case .exited(let status)? = outcome else { return (0, nil) }
        if let code = status.execExitCode {
            return code == 0 ? (0, nil) : (Int32(truncatingIfNeeded: code), "command terminated with exit code \(code)")
        }
        return (1, "error: \(status.message ?? "unknown error")")
    }
}

/// How `kctl logs` and `kctl exec` print a failure: kubectl's `Error from server (Reason): message`, or
/// `Error from server: message` for a status without reason (a node that cannot be reached), or
/// `error: message` for a command that could not start in the container.
enum StreamErrorReporting {
    static func render(_ error: any Error) -> String {
        if let status = error as? Status {
            if status.reason == .internalError { return "error: \(status.message ?? "")" }
            if status.reason == nil || status.reason?.rawValue == "" {
                return "Error from server: \(status.message ?? "unknown")"
            }
        }
        return ErrorReporting.render(error)
    }
}

/// A kctl failure printed as `error: <message>`.
struct LogsExecError: Error, Equatable, CustomStringConvertible {
    var message: String
    init(_ message: String) { self.message = message }
    var description: String { "error: \(message)" }
}
