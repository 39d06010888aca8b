import Foundation
import KubeAPI
import Logging
import Wire

/// Runs a container whose program the runtime cannot provide (``ContainerProgram/simulated(reason:)``): no
/// process, only a line in its log saying it is simulated and why. It runs until stopped (or until the runtime is
/// cancelled) and then exits with code 0, as a well-behaved server would on SIGTERM; when the launch says the
/// simulation completes (init containers, pods with `restartPolicy` `Never` or `OnFailure`), it exits with code 0
/// after ``RuntimeTiming/simulatedRun`` on its own.
enum SimulatedContainerDriver {
    /// Runs `launch` until a stop request arrives (or its simulated run is over).
    static func run(
        _ launch: ContainerLaunch, directories: PodDirectories, stopRequests: AsyncStream<TimeInterval>,
        logger: Logger, now: Date
    ) async -> ContainerExit {
        let reason: String
        if case .simulated(let why) = launch.program { reason = why } else { reason = "no command" }
        do {
            let log = try directories.openLog(for: launch)
            defer { try? log.close() }
            let line =
                "\(Timestamp.format(now)) emulated container \"\(launch.container)\" started from image "
                + "\"\(launch.image)\" (simulated: \(reason))\n"
            try log.write(contentsOf: Data(CRILog.encode(Array(line.utf8), at: now)))
        } catch {
            logger.warning("cannot write container log", metadata: ["pod": "\(launch.pod.key)", "error": "\(error)"])
        }
        guard launch.simulationCompletes else {
            for await _ in stopRequests { break }
            return .exited(0)
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int64(RuntimeTiming.simulatedRun * 1000)))
            }
            group.addTask {
                for await _ in stopRequests { break }
            }
            await group.next()
            group.cancelAll()
        }
        return .exited(0)
    }
}
