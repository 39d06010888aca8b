import Foundation
import Synchronization
import TestSupport
import Testing

/// The real kubectl (the one on PATH) pointed at one cluster made by the built `kctl cluster create`: HOME is the
/// cluster home and KUBECONFIG is empty, so kubectl reads the context `cluster create` merged into
/// `~/.kube/config` (and keeps its discovery cache there).
struct KubectlSession: Sendable {
    /// `kubectl` from PATH, nil when there is none.
    static let executable: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "")
        .split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("kubectl") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    let home: ClusterHome

    var environment: [String: String] { ["HOME": home.url.path, "KUBECONFIG": ""] }

    /// Runs kubectl to completion (killed after 60 s), `stdin` written to its standard input when given.
    func callAsFunction(_ arguments: String..., stdin: String? = nil) async throws -> CommandResult {
        try await run(arguments, stdin: stdin)
    }

    func run(_ arguments: [String], stdin: String? = nil) async throws -> CommandResult {
        try await runCommand(
            try #require(Self.executable), arguments, stdin: stdin, environment: environment, timeout: .seconds(60))
    }

    /// Starts a long-running kubectl (`get -w`, `logs -f`); stdout and stderr are captured together. The caller
    /// stops it by pid.
    func spawn(_ arguments: String...) throws -> ChildProcess {
        try ChildProcess(try #require(Self.executable), arguments, environment: environment, name: "kubectl")
    }

    /// Writes `text` to a file in the cluster home and returns its path (for `-f`).
    func file(_ name: String, _ text: String) throws -> String {
        let url = home.url.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Polls `kubectl arguments` until `accept` holds for its result (every 200 ms, up to `timeout`).
    @discardableResult
    func until(
        _ what: String, within timeout: Duration = .seconds(30), _ arguments: String...,
        accept: @escaping (CommandResult) -> Bool
    ) async throws -> CommandResult {
        let last = LastResult()
        do {
            return try await eventually(within: timeout, poll: .milliseconds(200), what) { () -> CommandResult? in
                let result = try await run(arguments)
                last.set(result)
                return accept(result) ? result : nil
            }
        } catch {
            throw HarnessError("\(error); the last kubectl \(arguments.joined(separator: " ")): \(last.get().map { "\($0)" } ?? "none")")
        }
    }

    /// Creates a cluster `name` with `nodes` nodes in a fresh home, runs `body` with kubectl pointed at it, and
    /// deletes it (every daemon stopped by pid, also when `body` fails).
    static func withCluster(
        _ name: String, nodes: Int = 2, _ body: (KubectlSession) async throws -> Void
    ) async throws {
        try await withClusterHome(prefix: "kubectl-\(name)") { home in
            let created = try await home.kctl(
                ["cluster", "create", name, "--nodes", "\(nodes)"] + ClusterCommandTests.timing, defaultKubeconfig: true)
            guard created.status == 0 else { throw HarnessError("cluster create failed: \(created)") }
            try await body(KubectlSession(home: home))
        }
    }
}

/// The value of `key` in kubectl's `describe` text: the rest of the first line that starts with `key:`, trimmed.
func describedValue(_ text: String, _ key: String) -> String? {
    text.split(separator: "\n").first { $0.hasPrefix("\(key):") }
        .map { $0.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces) }
}

/// The whitespace-separated cells of each line of a table kubectl printed (the header first).
func tableRows(_ text: String) -> [[String]] {
    text.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
}

/// The last result a poll saw, for the message of a timeout.
private final class LastResult: Sendable {
    private let value = Mutex<CommandResult?>(nil)
    func set(_ result: CommandResult) { value.withLock { $0 = result } }
    func get() -> CommandResult? { value.withLock { $0 } }
}
