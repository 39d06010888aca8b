import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `iptables` for ``LoopbackPartition``, installing it with apt-get when it is missing and kctl runs as root.
struct Firewall: Sendable {
    /// Where installation output goes.
    let installLog: URL

    /// Inserts the rules isolating `nodeIP`.
    func partition(nodeIP: String) async throws(ClusterError) {
        let iptables = try await ensureIPTables()
        for arguments in LoopbackPartition.insertCommands(nodeIP: nodeIP) {
            let result = await Self.run(iptables, arguments)
            guard result.status == 0 else {
                for undo in LoopbackPartition.deleteCommands(nodeIP: nodeIP) { _ = await Self.run(iptables, undo) }
                let command = "iptables " + arguments.joined(separator: " ")
                let output = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
                throw .partitionUnavailable("\(LoopbackPartition.unavailableMessage) (\(command): \(output))")
            }
        }
    }

    /// Deletes the rules isolating `nodeIP`; rules already gone are not an error.
    func heal(nodeIP: String) async throws(ClusterError) {
        guard let iptables = Self.findIPTables() else {
            throw .partitionUnavailable(LoopbackPartition.unavailableMessage)
        }
        for arguments in LoopbackPartition.deleteCommands(nodeIP: nodeIP) {
            // Delete every copy, so a rule inserted twice does not linger.
            var attempts = 0
            while attempts < 8, await Self.run(iptables, arguments).status == 0 { attempts += 1 }
        }
    }

    // MARK: - Internals

    private func ensureIPTables() async throws(ClusterError) -> URL {
        if let found = Self.findIPTables() { return found }
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/apt-get") else {
            throw .partitionUnavailable(LoopbackPartition.unavailableMessage)
        }
        FileHandle.standardError.write(Data("installing iptables (apt-get install iptables) ...\n".utf8))
        let apt = URL(fileURLWithPath: "/usr/bin/apt-get")
        var result = await Self.run(apt, ["install", "-y", "-q", "iptables"])
        if result.status != 0 {
            _ = await Self.run(apt, ["update", "-q"])
            result = await Self.run(apt, ["install", "-y", "-q", "iptables"])
        }
        try? result.output.write(to: installLog, atomically: true, encoding: .utf8)
        guard let found = Self.findIPTables() else {
            throw .partitionUnavailable(
                "\(LoopbackPartition.unavailableMessage) (installing it failed; see \(installLog.path))")
        }
        return found
    }

    private static func findIPTables() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        return directories.map { URL(fileURLWithPath: $0).appendingPathComponent("iptables") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs a short command to completion, with its output (stdout and stderr together).
    private static func run(_ executable: URL, _ arguments: [String]) async -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["DEBIAN_FRONTEND"] = "noninteractive"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return (127, "\(error)")
        }
        let data = await Task.detached { pipe.fileHandleForReading.readDataToEndOfFile() }.value
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
