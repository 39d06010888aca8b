import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A short command run to completion and timed as a user would time it: from just before launch to the instant its
/// exit is reported (Foundation's termination handler, not a polling loop). Stdout and stderr go to files of their
/// own; past `timeout` the process is killed (by its pid) and the run fails.
struct TimedCommand: Sendable {
    struct Outcome: Sendable {
        let status: Int32
        let elapsed: Duration
        let stdout: String
        let stderr: String
    }

    let executable: URL
    let arguments: [String]
    let environment: [String: String]

    /// Runs the command once; its output goes to `logBase.out` and `logBase.err`.
    func run(logBase: URL, timeout: Duration) async throws -> Outcome {
        let outURL = logBase.appendingPathExtension("out")
        let errURL = logBase.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        var started = ContinuousClock.now
        var killer: Task<Void, Never>?
        let ended: ContinuousClock.Instant = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { _ in continuation.resume(returning: ContinuousClock.now) }
            started = ContinuousClock.now
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let pid = process.processIdentifier
            killer = Task {
                guard (try? await Task.sleep(for: timeout)) != nil else { return }
                if process.isRunning { kill(pid, SIGKILL) }
            }
        }
        killer?.cancel()
        let elapsed = ended - started
        guard elapsed < timeout else {
            throw BenchError("\(executable.lastPathComponent) \(arguments.joined(separator: " ")) took over \(timeout)")
        }
        return Outcome(
            status: process.terminationStatus, elapsed: elapsed,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }
}
