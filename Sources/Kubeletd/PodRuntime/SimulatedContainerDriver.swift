import Foundation
import KubeAPI
import Logging
import Wire

/// Runs a container without `command` or `args`: no process, only a start line in its log; it runs until
/// stopped (or until the runtime is cancelled) and then exits with code 0, as a well-behaved server would on
/// SIGTERM.
enum SimulatedContainerDriver {
    /// Runs `launch` until a stop request arrives.
    static func run(
        _ launch: ContainerLaunch, directories: PodDirectories, stopRequests: AsyncStream<TimeInterval>,
        logger: Logger, now: Date
    ) async -> ContainerExit {
        do {
            let log = try directories.openLog(for: launch)
            defer { try? log.close() }
            let line =
                "\(Timestamp.format(now)) emulated container \"\(launch.container)\" started from image "
                + "\"\(launch.image)\" (no command: simulated process)\n"
            try log.write(contentsOf: Data(CRILog.encode(Array(line.utf8), at: now)))
        } catch {
            logger.warning("cannot write container log", metadata: ["pod": "\(launch.pod.key)", "error": "\(error)"])
        }
        for await _ in stopRequests { break }
        return .exited(0)
    }
}
