import Foundation
import KubeAPI
import Logging
import Wire

/// Runs a container whose program the runtime provides (``ContainerProgram/provided(_:argv:)``): the program runs
/// as a task of kubeletd with the container's `argv`, its output goes to the container's log, and its result is the
/// container's exit code (0, or 1 with the error in the log). A stop request ends it with 137, as a killed process.
enum ProvidedProgramDriver {
    /// Runs `launch` to completion (or until stopped).
    static func run(
        _ launch: ContainerLaunch, access: PodAPIAccess?, directories: PodDirectories,
        stopRequests: AsyncStream<TimeInterval>, logger: Logger, clock: @escaping @Sendable () -> Date
    ) async -> ContainerExit {
        guard case .provided(let program, let argv) = launch.program else { return .exited(0) }
        let log: FileHandle?
        do {
            log = try directories.openLog(for: launch)
        } catch {
            logger.warning("cannot write container log", metadata: ["pod": "\(launch.pod.key)", "error": "\(error)"])
            log = nil
        }
        defer { try? log?.close() }
        let write: @Sendable (String, String) -> Void = { line, stream in
            let bytes = CRILog.encode(Array((line + "\n").utf8), stream: stream, at: clock())
            try? log?.write(contentsOf: Data(bytes))
        }
        let mounts = launch.mounts
        let outcome: Int32? = await withTaskGroup(of: Int32?.self) { group in
            group.addTask {
                await execute(program, arguments: Array(argv.dropFirst()), mounts: mounts, access: access,
                    clock: clock, write: write)
            }
            group.addTask {
                for await _ in stopRequests { return nil }
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        return .exited(outcome ?? 137)
    }

    /// The program's exit code.
    private static func execute(
        _ program: ProvidedProgram, arguments: [String], mounts: [ContainerMount], access: PodAPIAccess?,
        clock: @escaping @Sendable () -> Date, write: @escaping @Sendable (String, String) -> Void
    ) async -> Int32 {
        switch program {
        case .kubeWebhookCertgen:
            let command: CertgenCommand
            do {
                command = try CertgenCommand.parse(arguments)
            } catch {
                write("\(error)", "stderr")
                return 1
            }
            guard let access else {
                write("unable to load in-cluster configuration: this node has no control-plane address", "stderr")
                return 1
            }
            guard let token = PodAPIAccess.token(in: mounts) else {
                write(
                    "unable to load in-cluster configuration: open \(PodAPIAccess.serviceAccountDirectory)/token: "
                        + "no such file or directory", "stderr")
                return 1
            }
            do {
                let lines = try await access.withClient(
                    token: token, agent: "kube-webhook-certgen/\(WireVersion.softwareVersion)"
                ) { client in
                    try await Certgen.run(command, api: WireCertgenAPI(client: client), now: clock())
                }
                for line in lines { write(line, "stderr") }
                return 0
            } catch {
                write("\(error)", "stderr")
                return 1
            }
        }
    }
}
