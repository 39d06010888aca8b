import Foundation
import KubeAPI

/// One of the byte streams of a `pods/log` or `pods/exec` request.
public enum StreamName: String, Codable, Sendable, Hashable, CaseIterable {
    /// Client to server: the command's standard input (exec with `stdin`).
    case stdin
    /// Server to client: the command's standard output (exec), or the log (log).
    case stdout
    /// Server to client: the command's standard error (exec without `tty`).
    case stderr
}

/// A chunk of bytes on one stream: the payload of a `data` message.
///
/// On the wire the bytes travel as a JSON string: the text itself when the chunk is valid UTF-8, else base64 with
/// `"encoding": "base64"`. A chunk may end in the middle of a line or of a UTF-8 character.
public struct StreamChunk: Sendable, Hashable, CustomStringConvertible {
    public var stream: StreamName
    public var bytes: [UInt8]

    public init(_ stream: StreamName, _ bytes: [UInt8]) {
        self.stream = stream
        self.bytes = bytes
    }

    public init(_ stream: StreamName, _ text: String) {
        self.init(stream, Array(text.utf8))
    }

    public var description: String { "\(stream): \(String(decoding: bytes, as: UTF8.self).debugDescription)" }

    /// How ``bytes`` are written into the message: the text when it is valid UTF-8, else base64.
    var encoded: (data: String, encoding: DataEncoding) {
        if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
        return (Data(bytes).base64EncodedString(), .base64)
    }
}

/// The `encoding` member of a `data` message.
public enum DataEncoding: String, Codable, Sendable, Hashable {
    /// `data` is the bytes as text (the default when `encoding` is absent).
    case utf8
    /// `data` is the bytes in standard base64 with padding.
    case base64
}

/// The size of a terminal in character cells: the payload of a `resize` message.
public struct TerminalSize: Codable, Sendable, Hashable {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}

/// What the client sends into a running stream (exec): input bytes, the end of input, terminal resizes.
public enum StreamInput: Sendable, Hashable {
    case stdin([UInt8])
    case stdinClosed
    case resize(TerminalSize)
}

/// How a stream ended successfully: a log ends (`response`), an exec ends with the command's exit (`exit`).
public enum StreamOutcome: Sendable, Hashable {
    /// The stream is complete (all of the log, or the client cancelled it).
    case ended
    /// The command ran and exited: ``Status/execSucceeded()`` or ``Status/execFailed(exitCode:command:)``.
    case exited(Status)
}

// MARK: - Exit statuses, as Kubernetes' remotecommand reports them

extension Status {
    /// The reason of an exec whose command exited with a non-zero code.
    public static let nonZeroExitCodeReason = StatusReason(rawValue: "NonZeroExitCode")
    /// The `details.causes[].reason` carrying the exit code.
    public static let exitCodeCause = "ExitCode"

    /// The command exited with code 0: `{"status":"Success",...}`.
    public static func execSucceeded() -> Status {
        .success()
    }

    /// The command exited with `exitCode` (not 0): reason `NonZeroExitCode`, the code in
    /// `details.causes[0].message`, as the kubelet reports it.
    public static func execFailed(exitCode: Int, command: [String]) -> Status {
        let rendered = "[" + command.joined(separator: " ") + "]"
        return Status(
            code: 500, reason: nonZeroExitCodeReason,
            message: "command terminated with non-zero exit code: error executing command \(rendered), exit code \(exitCode)",
            details: StatusDetails(causes: [StatusCause(reason: exitCodeCause, message: String(exitCode), field: nil)]))
    }

    /// The exit code an exec status carries: 0 for Success, the `ExitCode` cause for `NonZeroExitCode`, nil for any
    /// other status.
    public var execExitCode: Int? {
        if status == "Success" { return 0 }
        guard reason == Self.nonZeroExitCodeReason else { return nil }
        let cause = details?.causes?.first { $0.reason == Self.exitCodeCause }
        return cause?.message.flatMap { Int($0) }
    }
}
