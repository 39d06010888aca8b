import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child process kbench started: its output goes to a log file, and it is registered with
/// ``ProcessRegistry/shared`` so that every child is stopped, by pid, when kbench ends.
final class BenchProcess: Sendable {
    /// What the process is, which decides the order children are stopped in (nodes before control planes).
    enum Role: Sendable {
        case node, controlPlane, command
    }

    let name: String
    let role: Role
    /// Where its stdout and stderr go.
    let logFile: URL
    /// The instant just before the process was launched.
    let started: ContinuousClock.Instant
    private let process: Process

    /// Launches `executable` with `arguments`; `environment` replaces the inherited environment when given.
    init(
        name: String, role: Role, executable: URL, arguments: [String], logFile: URL,
        environment: [String: String]? = nil
    ) throws {
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        self.name = name
        self.role = role
        self.logFile = logFile
        self.process = process
        started = ContinuousClock.now
        try process.run()
        // The child holds its own copy of the descriptor.
        try? log.close()
        ProcessRegistry.shared.add(self)
    }

    /// The process id.
    var pid: Int32 { process.processIdentifier }

    var isRunning: Bool { process.isRunning }

    /// The exit status, once it has exited.
    var exitStatus: Int32? { process.isRunning ? nil : process.terminationStatus }

    /// What the process printed so far.
    var output: String {
        (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
    }

    /// Sends `signal` if the process is still running (so a reused pid is never signalled).
    func signal(_ signal: Int32) {
        guard process.isRunning else { return }
        kill(process.processIdentifier, signal)
    }

    /// Waits until a line of output contains `text` and returns that line; fails if the process exits first.
    func waitForLine(containing text: String, within timeout: Duration) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let line = output.split(separator: "\n").first(where: { $0.contains(text) }) { return String(line) }
            if let status = exitStatus {
                throw BenchError(
                    "\(name) exited with status \(status) before printing \"\(text)\"; log: \(logFile.path)")
            }
            guard ContinuousClock.now < deadline else {
                throw BenchError("\(name) did not print \"\(text)\" within \(timeout); log: \(logFile.path)")
            }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Waits for the process to exit; returns its status, or nil if it is still running at the deadline.
    @discardableResult
    func waitForExit(within timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return exitStatus
    }

    /// SIGCONT (in case it is paused) and SIGTERM, then SIGKILL if it has not exited within `grace`.
    func stop(grace: Duration = .seconds(5)) async {
        guard process.isRunning else { return }
        signal(SIGCONT)
        signal(SIGTERM)
        if await waitForExit(within: grace) != nil { return }
        signal(SIGKILL)
        await waitForExit(within: .seconds(5))
    }
}

/// A benchmark failure with a readable message.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
