import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// Renders failures the way kubectl prints them.
enum ErrorReporting {
    /// `Error from server (NotFound): daemonsets.apps "x" not found`, or for Invalid:
    /// `The DaemonSet "x" is invalid: <cause>` (one cause) / a `* <cause>` line per cause (several).
    /// `context` is kubectl's `error when creating "f.yaml": ` prefix, where it applies.
    static func render(_ error: any Error, context: String = "") -> String {
        if let status = error as? Status {
            if status.reason == .invalid, let details = status.details, let causes = details.causes, !causes.isEmpty {
                let kind = details.kind ?? "object"
                let name = details.name ?? ""
                let lines = causes.map { EditText.causeLine($0) }
                if lines.count == 1 { return "The \(kind) \"\(name)\" is invalid: \(lines[0])" }
                return "The \(kind) \"\(name)\" is invalid: \n" + lines.map { "* \($0)" }.joined(separator: "\n")
            }
            if status.code == 401 {
                // kubectl's StandardErrorMessage for Unauthorized.
                return "error: You must be logged in to the server (\(status.message ?? "Unauthorized"))"
            }
            let reason = status.reason?.rawValue ?? "InternalError"
            return "Error from server (\(reason)): \(context)\(status.message ?? "unknown")"
        }
        if let failure = error as? ConnectionFailure {
            return failure.description
        }
        if let wire = error as? WireError {
            switch wire {
            case .connectionClosed, .timeout:
                return "error: the control plane did not answer: \(wire)"
            default:
                return "error: \(wire)"
            }
        }
        if let transport = TransportErrorText.transportText(error) {
            // A transport library's error that escaped the wire client: kubectl's words, never its enum's name.
            return "Unable to connect to the server: \(transport)"
        }
        let text = "\(error)"
        return text.hasPrefix("error:") ? text : "error: \(text)"
    }

    /// Ends kctl after `error` reached the top (`arguments` are the parsed ones), as kubectl ends:
    /// - help, version and completion requests, and commands that printed their own failure (`ExitCode`), as
    ///   ArgumentParser ends them;
    /// - bad commands, flags and arguments: kubectl's `error: ...` (see ``UsageErrors``) and exit 1, not
    ///   ArgumentParser's `Error:`, usage and 64;
    /// - connection failures bare (kubectl prints them without `error:`), anything else as ``render(_:context:)``
    ///   does, and exit 1.
    static func exit(with error: any Error, arguments: [String]) -> Never {
        let code = Kctl.exitCode(for: error)
        if error is ExitCode || code == .success { Kctl.exit(withError: error) }
        if code == .validationFailure {
            let text = Kctl.message(for: error)
            printError(
                UsageErrors.diagnose(arguments: arguments, tree: CommandTree(Kctl.self), parserMessage: text)
                    ?? "error: \(text)")
        } else {
            printError(render(error))
        }
        Kctl.exit(withError: ExitCode(1))
    }

    /// Writes a line to standard error.
    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
