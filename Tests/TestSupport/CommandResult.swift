import Foundation

/// What a finished command printed and how it exited.
public struct CommandResult: Sendable, CustomStringConvertible {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public var description: String { "exit \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
}

/// Runs a command to completion, capturing stdout and stderr separately.
///
/// Output goes to temporary files, not pipes: on Linux, Foundation's `Process` lets children inherit descriptors,
/// so a long-lived process spawned at the same moment by another test can hold a pipe's write end open and a reader
/// waiting for end-of-file would wait forever. The wait for exit polls with async sleeps (no blocked threads).
/// With `timeout`, a command still running at the deadline is killed and ``HarnessError`` thrown.
public func runCommand(_ executable: URL, _ arguments: [String], stdin: String? = nil,
                       environment: [String: String]? = nil, timeout: Duration? = nil) async throws -> CommandResult {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kcluster-cmd-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let outURL = directory.appendingPathComponent("stdout")
    let errURL = directory.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    }
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = stdin == nil ? FileHandle.nullDevice : input
    try process.run()
    try? out.close()
    try? err.close()
    if let stdin {
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
    }
    let deadline = timeout.map { ContinuousClock.now + $0 }
    while process.isRunning {
        if let deadline, ContinuousClock.now >= deadline {
            kill(process.processIdentifier, SIGKILL)
            throw HarnessError(
                "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) did not finish within \(timeout!)")
        }
        try await Task.sleep(for: .milliseconds(5))
    }
    // Lenient decoding: output may hold binary bytes (frames' length prefixes seen through openssl).
    let stdout = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
    let stderr = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
    return CommandResult(status: process.terminationStatus, stdout: stdout, stderr: stderr)
}
