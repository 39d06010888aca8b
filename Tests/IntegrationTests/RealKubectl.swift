import Foundation
import TestSupport

/// The real kubectl (the one on PATH) run against a `kctl cluster create` cluster made under `home`: HOME is the
/// cluster home and KUBECONFIG is empty, so kubectl reads the context `cluster create` merged into
/// `~/.kube/config`.
struct RealKubectl: Sendable {
    /// `kubectl` from PATH, nil when there is none.
    static let binary: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "")
        .split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("kubectl") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// `script`, to run a command on a pseudo-terminal (`kubectl exec -it`).
    static let script: URL? = ["/usr/bin/script", "/bin/script"].map(URL.init(fileURLWithPath:))
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    let binary: URL
    let home: URL

    init(home: URL) throws {
        guard let binary = Self.binary else { throw HarnessError("no kubectl on PATH") }
        self.binary = binary
        self.home = home
    }

    var environment: [String: String] { ["HOME": home.path, "KUBECONFIG": ""] }

    /// Runs `kubectl arguments` to its end (at most 60 s) with `stdin` as its standard input.
    func callAsFunction(_ arguments: String..., stdin: String? = nil, extraEnvironment: [String: String] = [:])
        async throws -> CommandResult
    {
        try await runCommand(
            binary, arguments, stdin: stdin, environment: environment.merging(extraEnvironment) { _, new in new },
            timeout: .seconds(60))
    }

    /// Runs `kubectl arguments` on a pseudo-terminal (`script -qec`), typing `input` into it; stdout is what the
    /// terminal showed, and the status is kubectl's.
    func onTerminal(_ arguments: [String], input: String) async throws -> CommandResult {
        guard let script = Self.script else { throw HarnessError("no script(1) for a pseudo-terminal") }
        let line = ([binary.path] + arguments).map(Self.shellQuoted).joined(separator: " ")
        return try await runCommand(
            script, ["-qec", line, "/dev/null"], stdin: input, environment: environment, timeout: .seconds(60))
    }

    /// Starts `kubectl arguments` as a child process (`get pods -w`, `attach`), its output captured.
    func start(_ arguments: String...) throws -> ChildProcess {
        try ChildProcess(binary, arguments, environment: environment, name: "kubectl \(arguments.first ?? "")")
    }

    private static func shellQuoted(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
