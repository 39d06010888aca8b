import Foundation
import KubeAPI
import Logging
import Subprocess
import Synchronization
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
#endif

/// Runs one run of a container with `tty: true` (what `kubectl run -it` makes) on a pseudo-terminal, as a container
/// runtime does: the terminal is the main process's stdin, stdout, stderr and controlling terminal (through
/// ``ExecTTYHelper``, kubeletd started as `__exec-with-terminal`). What it shows goes to the log and to the
/// ``ContainerStreams``; attach sessions type into it (when the container has `stdin: true`; the end of their
/// stdin is typed as Ctrl-D) and set its size.
///
/// Stopping is ``ContainerProcessDriver``'s: SIGTERM to the process group, SIGKILL after the grace period; the run
/// ends once every process has closed the terminal.
enum ContainerTerminalDriver {
    /// Runs `launch` (whose `argv` is not empty) with `helper` (the kubeletd executable) as the terminal step.
    static func run(
        _ launch: ContainerLaunch, helper: String, sandbox: SandboxSettings? = nil, directories: PodDirectories,
        log: FileHandle, stopRequests: AsyncStream<TimeInterval>, streams: ContainerStreams, logger: Logger,
        started: @escaping @Sendable (Int32) async -> Void = { _ in }
    ) async -> ContainerExit {
        let environment = ContainerProcessDriver.environment(for: launch)
        guard case .real(let executable, let argv) = launch.program else {
            return .failedToStart("exec: \"\(launch.argv.first ?? "")\": executable file not found in $PATH")
        }
        let program: String
        let arguments: [String]
        let workingDirectory: String
        if let sandbox {
            do {
                let command = try SandboxLauncher.command(
                    settings: sandbox, pod: launch.pod, directories: directories, executable: executable, argv: argv,
                    tty: true, mounts: launch.mounts, workingDirectory: launch.workingDirectory)
                (program, arguments, workingDirectory) = (command.executable, command.arguments, command.startDirectory)
            } catch {
                return .failedToStart("cannot prepare the sandbox: \(error)")
            }
        } else {
            program = helper
            arguments = ExecTTYHelper.arguments(executable: executable, command: argv)
            workingDirectory = directories.workingDirectory(for: launch)
        }
        let terminal: PseudoTerminal
        let (output, error): (CInt, CInt)
        do {
            terminal = try PseudoTerminal.open()
            do {
                output = try terminal.duplicateSlave()
                error = try terminal.duplicateSlave()
            } catch {
                close(terminal.master)
                close(terminal.slave)
                throw error
            }
        } catch {
            return .failedToStart("cannot allocate a terminal: \(error)")
        }
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .seconds(1))]
        let master = terminal.master
        let masterTaken = LockedFlag()
        do {
            let result = try await Subprocess.run(
                .path(FilePath(program)), arguments: Arguments(arguments),
                environment: .custom(environment), workingDirectory: FilePath(workingDirectory), platformOptions: options,
                input: .fileDescriptor(FileDescriptor(rawValue: terminal.slave), closeAfterSpawningProcess: true),
                output: .fileDescriptor(FileDescriptor(rawValue: output), closeAfterSpawningProcess: true),
                error: .fileDescriptor(FileDescriptor(rawValue: error), closeAfterSpawningProcess: true)
            ) { execution in
                masterTaken.set()
                await started(execution.processIdentifier.value)
                await serve(master: master, execution: execution, log: log, stopRequests: stopRequests, streams: streams)
            }
            _ = kill(-result.processIdentifier.value, SIGKILL)
            switch result.terminationStatus {
            case .exited(let code): return .exited(Int32(truncatingIfNeeded: code))
            case .signaled(let signal): return .signaled(Int32(truncatingIfNeeded: signal))
            }
        } catch {
            if !masterTaken.isSet { close(master) }
            logger.warning("cannot start container on a terminal", metadata: ["error": "\(error)"])
            return .failedToStart("exec: \"\(launch.argv[0])\": \(error)")
        }
    }

    /// Copies the terminal to the log and the attached sessions, the sessions' input to the terminal, and stops the
    /// process when asked, until every process has closed the terminal.
    private static func serve(
        master: CInt, execution: Execution<FileDescriptorInput, FileDescriptorOutput, FileDescriptorOutput>,
        log: FileHandle, stopRequests: AsyncStream<TimeInterval>, streams: ContainerStreams
    ) async {
        do {
            try await DescriptorStream.run(master) { chunks, writer in
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await item in streams.input {
                            switch item {
                            case .data(let bytes): try? await writer.write(bytes)
                            case .close: try? await writer.write([0x04])
                            case .resize(let size): PseudoTerminal.resize(master: master, to: size)
                            }
                        }
                    }
                    group.addTask {
                        for await grace in stopRequests {
                            let allowed = Duration.milliseconds(Int64((max(0, grace) * 1000).rounded()))
                            await execution.teardown(
                                using: [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: allowed)])
                            return
                        }
                    }
                    do {
                        for try await bytes in chunks {
                            try? log.write(contentsOf: Data(CRILog.encode(bytes, at: Date())))
                            streams.publish(StreamChunk(.stdout, bytes))
                        }
                    } catch {
                        // Cancelled: the run is being torn down.
                    }
                    group.cancelAll()
                }
            }
        } catch {
            // The terminal could not be read (it is closed either way): the process still runs to its end.
        }
    }
}

/// A flag set once, readable from any thread.
private final class LockedFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
