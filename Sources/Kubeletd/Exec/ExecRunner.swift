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

/// Runs a `kctl exec` command as a real process on the node, in a container's context (its environment and
/// working directory), wired to a stream: stdout and stderr go to the client, the client's stdin comes in.
///
/// Without a terminal the command gets pipes (stdin is empty unless the client sends it). With one (`tty`) it
/// gets a pseudo-terminal as stdin, stdout, stderr and controlling terminal; its output all arrives on stdout,
/// the client's terminal size is applied, and the end of the client's stdin is typed as Ctrl-D.
///
/// The command runs in a session of its own; when the stream is cancelled (the client went away) its process
/// group is sent SIGTERM, then SIGKILL after 1 s. The stream ends once the command has exited and its output
/// is closed.
struct ExecRunner: Sendable {
    /// The kubeletd executable, started as ``ExecTTYHelper`` for terminal sessions.
    let helper: String
    let logger: Logger

    /// Runs `command` and returns its exit status (`Success`, or `NonZeroExitCode` with the code; a command
    /// killed by signal N exits 128+N).
    func run(_ command: [String], in context: ContainerProcessContext, tty: Bool, stdin: Bool, io: StreamIO)
        async throws -> StreamOutcome
    {
        guard !command.isEmpty else {
            throw Status.badRequest("you must specify at least one command for the container")
        }
        let executable: String
        switch ContainerProgram.program(
            command, providedBy: ImageCatalogue.standard.entry(for: context.image), programs: .host)
        {
        case .real(let path, _):
            executable = path
        case .notFound(let message), .simulated(let message):
            throw Status.internalError("error executing command in container: \(message)")
        case .provided(let program, _):
            throw Status.internalError(
                "error executing command in container: \"\(program.rawValue)\" is provided by the runtime, not a "
                    + "process that exec can start")
        }
        logger.info("exec", metadata: ["container": "\(context.container)", "command": "\(command)", "tty": "\(tty)"])
        let status: TerminationStatus
        do {
            status = tty
                ? try await runOnTerminal(executable, command, context: context, stdin: stdin, io: io)
                : try await runWithPipes(executable, command, context: context, stdin: stdin, io: io)
        } catch let error as ExecError {
            throw Status.internalError("error executing command in container: \(error)")
        } catch let error as SubprocessError {
            throw Status.internalError("error executing command in container: \(error)")
        }
        let code: Int
        switch status {
        case .exited(let value): code = Int(value)
        case .signaled(let signal): code = 128 + Int(signal)
        }
        return .exited(code == 0 ? .execSucceeded() : .execFailed(exitCode: code, command: command))
    }

    // MARK: - Pipes

    private func runWithPipes(
        _ executable: String, _ command: [String], context: ContainerProcessContext, stdin: Bool, io: StreamIO
    ) async throws -> TerminationStatus {
        let launch = try Self.launchCommand(executable, command, context: context, tty: false, helper: helper)
        let result = try await Subprocess.run(
            .path(FilePath(launch.executable)), arguments: launch.arguments,
            environment: .custom(Self.environment(context)), workingDirectory: FilePath(launch.startDirectory),
            platformOptions: Self.platformOptions, input: .inputWriter, output: .sequence, error: .sequence
        ) { execution in
            let writer = execution.standardInputWriter
            await withTaskGroup(of: Void.self) { pumps in
                pumps.addTask { await Self.pumpInput(io.input, accept: stdin, to: writer) }
                await withTaskGroup(of: Void.self) { outputs in
                    outputs.addTask { await Self.forward(execution.standardOutput, as: .stdout, to: io) }
                    outputs.addTask { await Self.forward(execution.standardError, as: .stderr, to: io) }
                }
                pumps.cancelAll()
            }
        }
        return result.terminationStatus
    }

    /// Copies the client's stdin to the command until the client closes it; without `accept`, closes the
    /// command's stdin at once and drains the input (resizes, stray data) until cancelled.
    private static func pumpInput(
        _ input: BoundedQueue<StreamInput, Void>, accept: Bool, to writer: StandardInputWriter
    ) async {
        var open = accept
        if !accept { try? await writer.finish() }
        do {
            for try await item in input {
                switch item {
                case .stdin(let bytes) where open:
                    do {
                        _ = try await writer.write(bytes)
                    } catch {
                        // The command closed its stdin (or exited): drop the rest.
                        open = false
                    }
                case .stdinClosed where open:
                    open = false
                    try? await writer.finish()
                case .stdin, .stdinClosed, .resize:
                    continue
                }
            }
        } catch {
            // Cancelled: the command's output has ended.
        }
        if open { try? await writer.finish() }
    }

    private static func forward(_ output: SubprocessOutputSequence, as stream: StreamName, to io: StreamIO) async {
        do {
            for try await buffer in output {
                await io.send(StreamChunk(stream, buffer.withUnsafeBytes { Array($0) }))
            }
        } catch {
            // Cancelled, or the descriptor failed: the output has ended either way.
        }
    }

    // MARK: - A pseudo-terminal

    private func runOnTerminal(
        _ executable: String, _ command: [String], context: ContainerProcessContext, stdin: Bool, io: StreamIO
    ) async throws -> TerminationStatus {
        let terminal = try PseudoTerminal.open()
        let (output, error): (CInt, CInt)
        do {
            output = try terminal.duplicateSlave()
            error = try terminal.duplicateSlave()
        } catch {
            close(terminal.master)
            close(terminal.slave)
            throw error
        }
        let master = terminal.master
        // Until the command runs, the master is ours to close; then the descriptor stream owns it.
        let masterTaken = Mutex(false)
        let result: ExecutionResult<Void, FileDescriptorOutput, FileDescriptorOutput>
        do {
            result = try await runTerminalCommand(
                executable, command, context: context, terminal: terminal, output: output, error: error
            ) {
                masterTaken.withLock { $0 = true }
                await Self.serveTerminal(master: master, stdin: stdin, io: io)
            }
        } catch {
            if !masterTaken.withLock({ $0 }) { close(master) }
            throw error
        }
        return result.terminationStatus
    }

    private func runTerminalCommand(
        _ executable: String, _ command: [String], context: ContainerProcessContext, terminal: PseudoTerminal,
        output: CInt, error: CInt, body: @escaping @Sendable () async -> Void
    ) async throws -> ExecutionResult<Void, FileDescriptorOutput, FileDescriptorOutput> {
        let launch = try Self.launchCommand(executable, command, context: context, tty: true, helper: helper)
        return try await Subprocess.run(
            .path(FilePath(launch.executable)), arguments: launch.arguments,
            environment: .custom(Self.environment(context)), workingDirectory: FilePath(launch.startDirectory),
            platformOptions: Self.platformOptions,
            input: .fileDescriptor(FileDescriptor(rawValue: terminal.slave), closeAfterSpawningProcess: true),
            output: .fileDescriptor(FileDescriptor(rawValue: output), closeAfterSpawningProcess: true),
            error: .fileDescriptor(FileDescriptor(rawValue: error), closeAfterSpawningProcess: true)
        ) { _ in
            await body()
        }
    }

    /// Copies the terminal's output to the client and the client's input to the terminal until the command and
    /// everything it started have closed the terminal.
    private static func serveTerminal(master: CInt, stdin: Bool, io: StreamIO) async {
        do {
            try await DescriptorStream.run(master) { chunks, writer in
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await Self.pumpTerminalInput(io.input, accept: stdin, master: master, writer) }
                    do {
                        for try await bytes in chunks { await io.send(StreamChunk(.stdout, bytes)) }
                    } catch {
                        // Cancelled: the process group is being torn down.
                    }
                    group.cancelAll()
                }
            }
        } catch {
            // The descriptor could not be read (it is closed either way): nothing reaches the client.
        }
    }

    /// Types the client's stdin into the terminal, applies resizes, and types Ctrl-D when stdin ends.
    private static func pumpTerminalInput(
        _ input: BoundedQueue<StreamInput, Void>, accept: Bool, master: CInt, _ writer: DescriptorStream.Writer
    ) async {
        var open = accept
        do {
            for try await item in input {
                switch item {
                case .resize(let size):
                    PseudoTerminal.resize(master: master, to: size)
                case .stdin(let bytes) where open:
                    try? await writer.write(bytes)
                case .stdinClosed where open:
                    open = false
                    try? await writer.write([0x04])
                case .stdin, .stdinClosed:
                    continue
                }
            }
        } catch {
            // Cancelled: the command's output has ended.
        }
    }

    // MARK: - Settings

    /// How to start `command` (whose program is `executable` on this node): through the sandbox launcher when the
    /// node has one, else directly (pipes) or through the terminal helper (`tty`).
    static func launchCommand(
        _ executable: String, _ command: [String], context: ContainerProcessContext, tty: Bool, helper: String
    ) throws -> (executable: String, arguments: Arguments, startDirectory: String) {
        if let sandbox = context.sandbox, let directories = context.directories {
            let launch = try SandboxLauncher.command(
                settings: sandbox, pod: context.pod, directories: directories, executable: executable, argv: command,
                tty: tty, mounts: context.mounts, workingDirectory: context.requestedWorkingDirectory,
                joinPID: context.joinPID)
            return (launch.executable, Arguments(launch.arguments), launch.startDirectory)
        }
        if tty {
            return (helper, Arguments(ExecTTYHelper.arguments(executable: executable, command: command)),
                    context.workingDirectory)
        }
        return (
            executable, Arguments(executablePathOverride: command[0], remainingValues: Array(command.dropFirst())),
            context.workingDirectory
        )
    }

    /// A session of its own (so the whole group can be signalled); SIGTERM then SIGKILL on cancellation.
    private static var platformOptions: PlatformOptions {
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: .seconds(1))]
        return options
    }

    private static func environment(_ context: ContainerProcessContext) -> [Environment.Key: String] {
        var result: [Environment.Key: String] = [:]
        for (name, value) in context.environment {
            if let key = Environment.Key(rawValue: name) { result[key] = value }
        }
        return result
    }

    /// This executable's path, for the terminal helper.
    static func currentExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first ?? "kubeletd"
    }
}
