import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Every child process kbench started, so that all of them are stopped by pid at the end of each benchmark, at the
/// end of the run, and when kbench itself is interrupted.
final class ProcessRegistry: Sendable {
    /// The one registry of this process.
    static let shared = ProcessRegistry()

    private let processes = Mutex<[BenchProcess]>([])

    /// Registers a started process.
    func add(_ process: BenchProcess) {
        processes.withLock { $0.append(process) }
    }

    /// Stops every registered process that still runs: nodes and commands first (a node's graceful leave needs its
    /// control plane), then control planes; SIGTERM with a grace period, then SIGKILL. Forgets them afterwards.
    func stopAll(grace: Duration = .seconds(5)) async {
        let all = processes.withLock { list in
            defer { list.removeAll() }
            return list
        }
        for roles in [[BenchProcess.Role.node, .command], [.controlPlane]] {
            await withTaskGroup(of: Void.self) { group in
                for process in all where roles.contains(process.role) && process.isRunning {
                    group.addTask { await process.stop(grace: grace) }
                }
            }
        }
    }

    /// SIGKILLs every registered process at once (used when kbench is interrupted).
    func killAllNow() {
        for process in processes.withLock({ $0 }) { process.signal(SIGKILL) }
    }
}

/// Stops every child when kbench receives SIGINT or SIGTERM, then exits.
///
/// A dispatch signal source is the one bridge Foundation offers from an asynchronous signal to ordinary code (a
/// plain signal handler may not take the registry's lock); it only runs this one handler.
enum InterruptHandler {
    /// Installs the handlers. Call once, at start, and keep the returned sources alive (cancel them at the end).
    static func install() -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { signalNumber in
            _ = signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                FileHandle.standardError.write(Data("kbench: interrupted; stopping every child process\n".utf8))
                ProcessRegistry.shared.killAllNow()
                exit(130)
            }
            source.resume()
            return source
        }
    }
}
