import Foundation
import KubeAPI
import NIOSSL
import Wire

/// A real `controlplane` process on a fresh data directory and an ephemeral port, plus a way to run the real `kctl`
/// against it. Always stop it (``stop()``) — tests use ``withControlPlane(_:)``.
public final class TestControlPlane: Sendable {
    public let dataDirectory: URL
    public let process: ChildProcess
    public let port: Int
    /// The join (bootstrap) listener's port.
    public let bootstrapPort: Int
    public let extraArguments: [String]

    /// The kubeconfig the control plane wrote for its admin.
    public var kubeconfig: String { dataDirectory.appendingPathComponent("admin.kubeconfig").path }

    /// Starts a control plane; `dataDirectory` nil makes a fresh temporary one.
    public static func start(dataDirectory: URL? = nil, port: Int = 0, arguments: [String] = []) async throws
        -> TestControlPlane
    {
        let directory = dataDirectory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("kcluster-test-\(UUID().uuidString.prefix(8))")
        let process = try ChildProcess(
            try BuiltProducts.url(for: "controlplane"),
            ["--data-dir", directory.path, "--port", String(port), "--bootstrap-port", "0"] + arguments)
        let line: String
        do {
            line = try await process.waitForLine(containing: "controlplane listening on")
        } catch {
            await process.stop()
            throw HarnessError("controlplane did not start: \(error)\n\(process.capturedOutput)")
        }
        let bootstrapLine = try await process.waitForLine(containing: "controlplane bootstrap listening on")
        guard let portText = line.split(separator: ":").last, let bound = Int(portText),
            let bootstrapText = bootstrapLine.split(separator: ":").last, let bootstrap = Int(bootstrapText)
        else {
            throw HarnessError("cannot parse the readiness lines: \(line) / \(bootstrapLine)")
        }
        return TestControlPlane(
            dataDirectory: directory, process: process, port: bound, bootstrapPort: bootstrap,
            extraArguments: arguments)
    }

    private init(dataDirectory: URL, process: ChildProcess, port: Int, bootstrapPort: Int, extraArguments: [String]) {
        self.dataDirectory = dataDirectory
        self.process = process
        self.port = port
        self.bootstrapPort = bootstrapPort
        self.extraArguments = extraArguments
    }

    /// The first bootstrap token the control plane wrote.
    public var joinToken: String {
        (try? String(contentsOf: dataDirectory.appendingPathComponent("join-token"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    /// The CA hash nodes verify the control plane with.
    public var caHash: String {
        (try? String(contentsOf: dataDirectory.appendingPathComponent("ca.hash"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    /// Runs the built `kctl` with this cluster's kubeconfig.
    public func kctl(_ arguments: String..., stdin: String? = nil) async throws -> CommandResult {
        try await kctl(arguments, stdin: stdin)
    }

    public func kctl(_ arguments: [String], stdin: String? = nil) async throws -> CommandResult {
        try await runCommand(try BuiltProducts.url(for: "kctl"), ["--kubeconfig", kubeconfig] + arguments, stdin: stdin)
    }

    /// Graceful stop (SIGTERM); returns the exit status.
    @discardableResult
    public func stop() async -> Int32? {
        await process.stop()
    }

    /// Removes the data directory, after killing what its pods left running (``LeftoverProcesses``).
    public func removeData() {
        LeftoverProcesses.kill(mentioning: dataDirectory.path)
        try? FileManager.default.removeItem(at: dataDirectory)
    }
}

/// Runs `body` with a fresh control plane, always stopping it and removing its data afterwards; on failure the
/// control plane's output is attached to the thrown error.
public func withControlPlane<T>(arguments: [String] = [], _ body: (TestControlPlane) async throws -> T) async throws
    -> T
{
    let controlPlane = try await TestControlPlane.start(arguments: arguments)
    do {
        let result = try await body(controlPlane)
        await controlPlane.stop()
        controlPlane.removeData()
        return result
    } catch {
        await controlPlane.stop()
        let output = controlPlane.process.capturedOutput
        controlPlane.removeData()
        throw HarnessError("\(error)\n--- controlplane output ---\n\(output)")
    }
}

/// The repository root (for examples/ and docs/), found from this source file's location.
public func repositoryRoot(file: String = #filePath) -> URL {
    URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

extension TestControlPlane {
    /// Connects to this control plane as the admin (certificates from its data directory) and runs `body`.
    public func withAdminClient<T: Sendable>(_ body: @Sendable (WireClient) async throws -> T) async throws -> T {
        func read(_ file: String) throws -> String {
            try String(contentsOf: dataDirectory.appendingPathComponent(file), encoding: .utf8)
        }
        let tls = try TLSConfiguration.clusterClient(
            certificatePEM: try read("admin.crt"), privateKeyPEM: try read("admin.key"), caPEM: try read("ca.crt"))
        return try await WireClient.withConnection(host: "127.0.0.1", port: port, tls: tls, agent: "tests", body)
    }
}
