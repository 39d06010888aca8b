import Foundation
import Synchronization

/// A child process under test with its output captured, and waits with deadlines (never fixed sleeps).
public final class ChildProcess: Sendable {
    private let process: Process
    private let output = LockedText()
    public let name: String

    /// The process id.
    public var pid: Int32 { process.processIdentifier }

    /// Launches `executable` with `arguments`; stdout and stderr are both captured.
    public init(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil, name: String? = nil)
        throws
    {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        self.process = process
        self.name = name ?? executable.lastPathComponent
        let output = self.output
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                return
            }
            output.append(String(decoding: data, as: UTF8.self))
        }
        try process.run()
    }

    /// Everything the process printed so far.
    public var capturedOutput: String { output.text }

    public var isRunning: Bool { process.isRunning }

    /// Waits until a line of output contains `text`, and returns that line.
    public func waitForLine(containing text: String, within timeout: Duration = .seconds(20)) async throws -> String {
        try await eventually(within: timeout, "\(name) to print \"\(text)\"") {
            capturedOutput.split(separator: "\n").first { $0.contains(text) }.map(String.init)
        }
    }

    /// Sends `signal`.
    public func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to exit and returns its status.
    public func waitForExit(within timeout: Duration = .seconds(20)) async throws -> Int32 {
        try await eventually(within: timeout, "\(name) to exit") {
            process.isRunning ? nil : process.terminationStatus
        }
    }

    /// SIGTERM, then SIGKILL if it has not exited in `grace`. Returns the exit status.
    @discardableResult
    public func stop(grace: Duration = .seconds(10)) async -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        signal(SIGTERM)
        if let status = try? await waitForExit(within: grace) { return status }
        signal(SIGKILL)
        return try? await waitForExit(within: .seconds(5))
    }
}

/// Polls `condition` until it returns a value or `timeout` passes.
@discardableResult
public func eventually<T>(
    within timeout: Duration, poll: Duration = .milliseconds(50), _ what: String = "condition",
    _ condition: () async throws -> T?
) async throws -> T {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    var lastError: (any Error)?
    while true {
        do {
            if let value = try await condition() { return value }
        } catch {
            lastError = error
        }
        if clock.now >= deadline {
            throw HarnessError("timed out after \(timeout) waiting for \(what)" + (lastError.map { ": \($0)" } ?? ""))
        }
        try await Task.sleep(for: poll)
    }
}

/// Text appended from one thread and read from others.
final class LockedText: Sendable {
    private let storage = Mutex<String>("")
    func append(_ more: String) { storage.withLock { $0 += more } }
    var text: String { storage.withLock { $0 } }
}

/// A value behind a lock, shareable across tasks.
final class LockedBox<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func update(_ body: (inout Value) -> Void) { mutex.withLock { body(&$0) } }
    func read<R>(_ body: (Value) -> R) -> R { mutex.withLock { body($0) } }
}
