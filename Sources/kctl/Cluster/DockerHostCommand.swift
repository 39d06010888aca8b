import Dispatch
import Foundation

/// What one command printed and how it exited.
struct DockerResult: Sendable, Equatable {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Standard output without the trailing newline.
    var output: String { stdout.trimmingCharacters(in: .whitespacesAndNewlines) }
    /// The first line of standard error that says something (docker's own error line), for messages.
    var errorLine: String {
        let lines = stderr.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        return lines.first { $0.hasPrefix("Error") || $0.hasPrefix("error") } ?? lines.first { !$0.isEmpty }
            ?? "exit status \(status)"
    }
}

/// Runs the short host commands the docker runtime needs (`docker`, `ldd`, `sha256sum`, `strip`, `busybox`) to
/// completion, capturing their output.
enum DockerHostCommand {
    /// Runs the command on a dispatch thread, so Swift's cooperative threads are not blocked while it runs.
    static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
        input: String? = nil
    ) async -> DockerResult {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    returning: runBlocking(executable, arguments, environment: environment, input: input))
            }
        }
    }

    /// Runs the command on the calling thread and waits for it. Standard output is read to its end before standard
    /// error: these commands' error output is a few lines, far below a pipe's buffer, so the child never blocks on
    /// it. `input` (small) is written to its standard input.
    static func runBlocking(
        _ executable: URL, _ arguments: [String], environment: [String: String], input: String? = nil
    ) -> DockerResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        let feed = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input == nil ? FileHandle.nullDevice : feed
        do {
            try process.run()
        } catch {
            return DockerResult(status: 127, stdout: "", stderr: "cannot run \(executable.path): \(error)")
        }
        if let input {
            feed.fileHandleForWriting.write(Data(input.utf8))
            try? feed.fileHandleForWriting.close()
        }
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return DockerResult(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The executable `name` on `$PATH` (then `/usr/sbin`, `/usr/bin`, `/bin`), if any.
    static func find(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let path = environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin", "/bin"]
        return directories.map { URL(fileURLWithPath: $0).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
