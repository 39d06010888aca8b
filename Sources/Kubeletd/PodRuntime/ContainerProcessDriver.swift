import Foundation
import Logging
import Subprocess
import Wire

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs one container run that has a `command` (or `args`) as a real child process (swift-subprocess), in its
/// own session: its environment, its working directory, stdout and stderr appended to the run's log file (in the
/// CRI format, see ``CRILog``).
///
/// A stop request (a grace period in seconds on `stopRequests`) sends SIGTERM to the process group, then SIGKILL
/// after the grace period. Cancelling the calling task does the same with a 1 s grace. When the main process
/// ends, whatever it left behind in its process group is killed, as a container's PID namespace would.
///
/// A container with `tty: true` runs on a pseudo-terminal instead (``ContainerTerminalDriver``) when a terminal
/// helper is given.
///
/// The run's ``ContainerStreams`` get its output too (for `pods/attach`); a container with `stdin: true` reads a
/// pipe fed from them (closed when they say so or end), any other reads an empty stdin.
///
/// A process that closes both stdout and stderr but keeps running is seen as ended only when it exits; a stop
/// request that comes after it closed its output is then honoured only through cancellation.
enum ContainerProcessDriver {
    /// `PATH` for containers that do not set one and a kubeletd without one.
    static let defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// Runs `launch` until it exits or is stopped, and reports how it ended. With `sandbox`, the process starts
    /// through the sandbox launcher (``SandboxLauncher``); without it (unit tests), directly.
    static func run(
        _ launch: ContainerLaunch, directories: PodDirectories, stopRequests: AsyncStream<TimeInterval>,
        streams: ContainerStreams, terminalHelper: String? = nil, sandbox: SandboxSettings? = nil, logger: Logger,
        started: @escaping @Sendable (Int32) async -> Void = { _ in }
    ) async -> ContainerExit {
        guard case .real(let program, let argv) = launch.program, let argv0 = argv.first else {
            if case .notFound(let message) = launch.program { return .failedToStart(message) }
            return .failedToStart("no command")
        }
        let log: FileHandle
        do {
            log = try directories.openLog(for: launch)
        } catch {
            logger.error("cannot open container log", metadata: ["pod": "\(launch.pod.key)", "error": "\(error)"])
            return .failedToStart("cannot open log file: \(error)")
        }
        defer { try? log.close() }
        if launch.tty, let terminalHelper {
            return await ContainerTerminalDriver.run(
                launch, helper: terminalHelper, sandbox: sandbox, directories: directories, log: log,
                stopRequests: stopRequests, streams: streams, logger: logger, started: started)
        }

        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .seconds(1))]
        let executable: String
        let arguments: Arguments
        let workingDirectory: String
        if let sandbox {
            do {
                let command = try SandboxLauncher.command(
                    settings: sandbox, pod: launch.pod, directories: directories, executable: program, argv: argv,
                    tty: false, mounts: launch.mounts, workingDirectory: launch.workingDirectory)
                executable = command.executable
                arguments = Arguments(command.arguments)
                workingDirectory = command.startDirectory
            } catch {
                return .failedToStart("cannot prepare the sandbox: \(error)")
            }
        } else {
            executable = program
            arguments = Arguments(executablePathOverride: argv0, remainingValues: Array(argv.dropFirst()))
            workingDirectory = directories.workingDirectory(for: launch)
        }
        do {
            let result = try await Subprocess.run(
                .path(FilePath(executable)), arguments: arguments,
                environment: .custom(environment(for: launch)),
                workingDirectory: FilePath(workingDirectory),
                platformOptions: options, input: .inputWriter, output: .sequence, error: .combinedWithOutput
            ) { execution in
                await started(execution.processIdentifier.value)
                await supervise(execution, log: log, stopRequests: stopRequests, streams: streams)
            }
            killLeftovers(processGroup: result.processIdentifier.value)
            switch result.terminationStatus {
            case .exited(let code): return .exited(Int32(truncatingIfNeeded: code))
            case .signaled(let signal): return .signaled(Int32(truncatingIfNeeded: signal))
            }
        } catch let error as SubprocessError where error.code == .executableNotFound {
            return .failedToStart("exec: \"\(argv0)\": executable file not found in $PATH")
        } catch {
            return .failedToStart("exec: \"\(argv0)\": \(error)")
        }
    }

    /// The process environment: the container's, plus the kubeletd's `PATH` unless the container sets one.
    static func environment(for launch: ContainerLaunch) -> [Environment.Key: String] {
        var variables = launch.environment
        if variables["PATH"] == nil {
            variables["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? defaultPath
        }
        var result: [Environment.Key: String] = [:]
        for (name, value) in variables {
            if let key = Environment.Key(rawValue: name) { result[key] = value }
        }
        return result
    }

    /// What ended first while the process ran.
    private enum Outcome: Sendable {
        case outputClosed
        case stopped
    }

    /// Copies the output to the log and the attached sessions until it closes (the process exited), feeds the
    /// stdin, or stops the process when asked.
    private static func supervise(
        _ execution: Execution<CustomWriteInput, SequenceOutput, CombinedErrorOutput>, log: FileHandle,
        stopRequests: AsyncStream<TimeInterval>, streams: ContainerStreams
    ) async {
        let writer = execution.standardInputWriter
        if !streams.stdin { try? await writer.finish() }
        await withTaskGroup(of: Outcome?.self) { group in
            if streams.stdin {
                group.addTask {
                    await feedStdin(from: streams.input, to: writer)
                    return nil
                }
            }
            group.addTask {
                do {
                    for try await buffer in execution.standardOutput {
                        let bytes = buffer.withUnsafeBytes { Array($0) }
                        try? log.write(contentsOf: Data(CRILog.encode(bytes, at: Date())))
                        streams.publish(StreamChunk(.stdout, bytes))
                    }
                } catch {
                    // Cancelled, or the runtime stopped reading because the process ended: nothing to copy.
                }
                return .outputClosed
            }
            group.addTask {
                for await grace in stopRequests {
                    let allowed = Duration.milliseconds(Int64((max(0, grace) * 1000).rounded()))
                    await execution.teardown(
                        using: [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: allowed)])
                    return .stopped
                }
                return .stopped
            }
            // The output closing ends the run; a stop request waits for it; the stdin feeder never decides.
            while let outcome = await group.next() {
                switch outcome {
                case .outputClosed?:
                    group.cancelAll()
                    return
                case .stopped?, nil:
                    continue
                }
            }
        }
    }

    /// Writes what attach sessions send to the process's stdin until they close it or the run ends.
    private static func feedStdin(from input: AsyncStream<ContainerInput>, to writer: StandardInputWriter) async {
        for await item in input {
            switch item {
            case .data(let bytes):
                do {
                    _ = try await writer.write(bytes)
                } catch {
                    // The process closed its stdin or exited: nothing more can be written.
                    return
                }
            case .close:
                try? await writer.finish()
                return
            case .resize:
                continue
            }
        }
        try? await writer.finish()
    }

    /// Kills what the container's main process left running in its process group. The group's ID stays
    /// allocated while any member lives, so this cannot reach an unrelated group unless the group emptied and
    /// the number was reused as a new session leader in the microseconds since the reap.
    private static func killLeftovers(processGroup: pid_t) {
        guard processGroup > 1 else { return }
        _ = kill(-processGroup, SIGKILL)
    }
}
