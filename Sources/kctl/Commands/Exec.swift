import ArgumentParser
import Foundation
import KubeAPI
import Wire

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `kctl exec [-i] [-t] POD [-c C] -- COMMAND [ARGS...]`: runs a command in a container, on its node, through the
/// control plane; with `-i` stdin is sent, with `-t` (and a terminal on stdin) it runs on a terminal and kctl's
/// terminal is put in raw mode until it ends. kctl exits with the command's exit code.
struct Exec: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Execute a command in a container.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "POD or TYPE/NAME.")
    var pod: String?

    @Argument(parsing: .postTerminator, help: "The command and its arguments, after --.")
    var command: [String] = []

    @Option(name: [.short, .customLong("container")], help: "Container name; defaults to the pod's first container.")
    var container: String?

    @Flag(name: [.customShort("i"), .customLong("stdin")], help: "Pass stdin to the container.")
    var stdin = false

    @Flag(name: [.customShort("t"), .customLong("tty")], help: "Stdin is a TTY.")
    var tty = false

    @Flag(name: [.short, .long], help: "Only print output from the remote session.")
    var quiet = false

    @Option(help: "How long to wait for a pod of TYPE/NAME to exist (e.g. 5s, 2m).")
    var podRunningTimeout: String = "1m0s"

    func run() async throws {
        let plan: ExecPlan
        do {
            plan = try ExecPlan(
                pod: pod, command: command, container: container, stdin: stdin, tty: tty,
                stdinIsTerminal: isatty(STDIN_FILENO) == 1)
        } catch {
            ErrorReporting.printError("\(error)")
            throw ExitCode(1)
        }
        if let warning = plan.warning { ErrorReporting.printError(warning) }
        let timeout = DurationText.parse(podRunningTimeout) ?? .seconds(60)
        let quiet = self.quiet
        let (code, message) = try await APIClient.with(global) { client -> (Int32, String?) in
            do {
                return ExecPlan.exit(for: try await Self.session(plan, client: client, timeout: timeout, quiet: quiet))
            } catch {
                return (1, StreamErrorReporting.render(error))
            }
        }
        if let message { ErrorReporting.printError(message) }
        if code != 0 { throw ExitCode(code) }
    }

    private static func session(_ plan: ExecPlan, client: APIClient, timeout: Duration, quiet: Bool) async throws
        -> StreamOutcome?
    {
        let (pod, _) = try await PodResolver.resolve(plan.target, client: client, ranking: .mostActive, timeout: timeout)
        if let refusal = ExecPlan.refusal(for: pod) { throw refusal }
        var container = plan.container ?? ""
        if plan.container == nil {
            let (chosen, notices) = PodSelection.defaultContainer(of: pod)
            if !quiet { for line in notices { ErrorReporting.printError(line) } }
            container = chosen
        }
        let request = plan.request(
            namespace: pod.metadata.namespace ?? client.defaultNamespace, pod: pod.name, container: container)
        let stream = client.wire.stream(request)
        let terminal = plan.tty ? LocalTerminal.makeRaw(STDIN_FILENO) : nil
        defer { terminal?.restore() }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            if plan.stdin { group.addTask { await StandardInput.pump(to: stream) } }
            if plan.tty { group.addTask { await followSize(stream) } }
            defer { group.cancelAll() }
            while let chunk = try await stream.next() { StandardOutput.write(chunk) }
            return stream.outcome
        }
    }

    /// Tells the remote terminal kctl's terminal size now and whenever it changes.
    private static func followSize(_ stream: WireStream) async {
        var last: TerminalSize?
        while !Task.isCancelled {
            if let size = LocalTerminal.currentSize(), size != last {
                stream.resize(size)
                last = size
            }
            try? await Task.sleep(for: .milliseconds(250))
        }
    }
}
