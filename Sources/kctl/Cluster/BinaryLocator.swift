import Foundation

/// Finds the binaries kctl starts (`controlplane`, `kubeletd`): next to the running kctl executable first (so a
/// build's products go together), else on `$PATH`.
struct BinaryLocator: Sendable {
    /// The directory holding the running kctl, symlinks resolved.
    var executableDirectory: URL?
    /// `$PATH`.
    var searchPath: String
    /// Whether a file is an executable (injected for tests).
    var isExecutable: @Sendable (String) -> Bool

    /// The locator for this process.
    static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> BinaryLocator {
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "kctl")
        return BinaryLocator(
            executableDirectory: executable.resolvingSymlinksInPath().deletingLastPathComponent(),
            searchPath: environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            isExecutable: { FileManager.default.isExecutableFile(atPath: $0) })
    }

    /// The path of binary `name`.
    ///
    /// - Throws: ``ClusterError/binaryNotFound(_:)``.
    func locate(_ name: String) throws(ClusterError) -> URL {
        var candidates: [URL] = []
        if let executableDirectory { candidates.append(executableDirectory.appendingPathComponent(name)) }
        for directory in searchPath.split(separator: ":", omittingEmptySubsequences: true) {
            candidates.append(URL(fileURLWithPath: String(directory)).appendingPathComponent(name))
        }
        guard let found = candidates.first(where: { isExecutable($0.path) }) else { throw .binaryNotFound(name) }
        return found
    }
}
