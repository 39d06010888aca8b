import Foundation
import KubeAPI
import TestSupport
import Wire

/// Runs `scripts/wire_client.py`, the independent Python client written from docs/PROTOCOL.md, against a real
/// control plane. Every run is bounded by `timeout` so a hung peer fails the test instead of hanging it.
enum PythonWireClient {
    /// The script, found from the repository root.
    static var script: URL { repositoryRoot().appendingPathComponent("scripts/wire_client.py") }

    /// Runs the script with `arguments`, adding the control plane's data directory and port.
    static func run(_ arguments: [String], against controlPlane: TestControlPlane, limit: Int = 120) async throws
        -> CommandResult
    {
        try await runCommand(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["timeout", String(limit), "python3", script.path] + arguments
                + ["--data-dir", controlPlane.dataDirectory.path, "--port", String(controlPlane.port)])
    }

    /// Runs one `probe` scenario and decodes the JSON line it prints.
    static func probe(_ scenario: String, against controlPlane: TestControlPlane, cap: Int? = nil) async throws
        -> ProbeResult
    {
        var arguments = ["probe", scenario]
        if let cap { arguments += ["--cap", String(cap)] }
        let result = try await run(arguments, against: controlPlane)
        guard result.status == 0, let line = result.stdout.split(separator: "\n").last else {
            throw HarnessError("probe \(scenario) failed: \(result)")
        }
        return ProbeResult(json: try JSONValue(jsonData: Data(line.utf8)), raw: String(line))
    }

    /// Runs `whoami` with another client certificate and decodes the JSON line it prints.
    static func whoami(certificate: URL, key: URL, against controlPlane: TestControlPlane) async throws -> JSONValue {
        let result = try await run(["whoami", "--cert", certificate.path, "--key", key.path], against: controlPlane)
        guard result.status == 0, let line = result.stdout.split(separator: "\n").last else {
            throw HarnessError("whoami failed: \(result)")
        }
        return try JSONValue(jsonData: Data(line.utf8))
    }
}

/// What `wire_client.py probe` saw: the frames that came back on the misbehaving connection, whether the server
/// closed it, and what a well-behaved connection opened before it got afterwards.
struct ProbeResult: CustomStringConvertible {
    /// Messages received on the misbehaving connection (after the hello, if one was sent).
    var frames: [JSONValue]
    /// Whether the server closed it (nil when the scenario does not wait for that).
    var closed: Bool?
    /// Seconds from TCP connect to the end of reading.
    var elapsed: Double?
    /// The name of the namespace the good connection got afterwards (`default`), or its whole answer.
    var survivor: JSONValue?
    /// The printed line, for failure messages.
    var raw: String

    init(json: JSONValue, raw: String) {
        frames = json["frames"]?.arrayValue ?? []
        closed = json["closed"]?.boolValue
        switch json["elapsed"] {
        case .double(let seconds)?: elapsed = seconds
        case .int(let seconds)?: elapsed = Double(seconds)
        default: elapsed = nil
        }
        survivor = json["survivor"]
        self.raw = raw
    }

    var description: String { raw }

    /// The single connection-level error frame, if that is exactly what came back.
    var connectionError: JSONValue? {
        guard frames.count == 1, let frame = frames.first, frame["type"]?.stringValue == "error", frame["id"] == nil
        else { return nil }
        return frame["status"]
    }
}
