import Foundation
import KubeAPI
import Wire

/// Serves one `pods/attach` on a kubelet: the container's output from the moment of attaching until its run ends
/// (everything on stdout: the runtime keeps the process's stdout and stderr as one stream), and the client's stdin,
/// end of stdin and terminal sizes as ``AttachInputRule`` says. The session ends with `Success` when the run ends
/// or the client detaches (its stdin ended on a container that keeps its own), and when the client goes away.
enum AttachRunner {
    static func run(_ streams: ContainerStreams, container: String, clientStdin: Bool, io: StreamIO) async throws
        -> StreamOutcome
    {
        guard let subscription = streams.subscribe() else {
            throw PodRuntimeError.containerNotRunning(container: container)
        }
        let rule = AttachInputRule(
            containerStdin: streams.stdin, stdinOnce: streams.stdinOnce, tty: streams.tty, clientStdin: clientStdin)
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await chunk in subscription.output { await io.send(chunk) }
                return true
            }
            group.addTask {
                do {
                    for try await item in io.input {
                        switch rule.action(for: item) {
                        case .write(let bytes): streams.write(bytes)
                        case .closeContainerStdin: streams.closeStdin()
                        case .detach: return true
                        case .resize(let size): streams.resize(size)
                        case .ignore: continue
                        }
                    }
                } catch {
                    // Cancelled: the session is over.
                }
                // The client's input ended without a detach: the output decides.
                return false
            }
            while let decided = await group.next() {
                if decided { break }
            }
            group.cancelAll()
        }
        streams.unsubscribe(subscription.id)
        if rule.closesStdinWhenSessionEnds { streams.closeStdin() }
        return .ended
    }
}
