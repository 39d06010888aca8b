import Foundation
import KubeAPI
import Logging
import Wire

/// What a kubelet's endpoint serves: the logs of its pods' containers (`pods/log`), commands run in them
/// (`pods/exec`) and their main processes' streams (`pods/attach`), to the control plane only (``KubeletAuthorizer``). Every other request is 404, as the
/// kubelet's HTTP server answers unknown paths.
struct KubeletService: WireService {
    let runtime: RuntimeHolder
    let exec: ExecRunner
    let logger: Logger

    func handle(_ request: Request, from peer: PeerIdentity) async throws -> JSONValue? {
        if let refusal = KubeletAuthorizer.refusal(of: request, from: peer) { throw refusal }
        throw Self.notFound
    }

    func watch(_ request: Request, from peer: PeerIdentity, send: @escaping @Sendable (WatchEvent) async -> Void)
        async throws
    {
        if let refusal = KubeletAuthorizer.refusal(of: request, from: peer) { throw refusal }
        throw Self.notFound
    }

    func stream(_ request: Request, from peer: PeerIdentity, io: StreamIO) async throws -> StreamOutcome {
        if let refusal = KubeletAuthorizer.refusal(of: request, from: peer) { throw refusal }
        guard ResourceKind.forKind(request.kind) ?? ResourceKind.resolve(request.kind) == .pod,
            let name = request.name, !name.isEmpty
        else { throw Self.notFound }
        let namespace = request.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        guard let runtime = await runtime.current() else {
            throw Self.status(for: PodRuntimeError.podNotFound(namespace: namespace, name: name))
        }
        do {
            switch (request.subresource, request.verb) {
            case (Request.logSubresource, .get):
                return try await logs(request, namespace: namespace, name: name, runtime: runtime, io: io)
            case (Request.execSubresource, .create):
                let context = try await runtime.execContext(
                    namespace: namespace, name: name, container: request.container)
                return try await exec.run(
                    request.command ?? [], in: context, tty: request.tty ?? false, stdin: request.stdin ?? false,
                    io: io)
            case (Request.attachSubresource, .create):
                let streams = try await runtime.attachStreams(
                    namespace: namespace, name: name, container: request.container)
                return try await AttachRunner.run(
                    streams, container: request.container ?? "", clientStdin: request.stdin ?? false, io: io)
            default:
                throw Self.notFound
            }
        } catch let error as PodRuntimeError {
            throw Self.status(for: error)
        }
    }

    private func logs(_ request: Request, namespace: String, name: String, runtime: PodRuntime, io: StreamIO)
        async throws -> StreamOutcome
    {
        let file = try await runtime.logFile(
            namespace: namespace, name: name, container: request.container, previous: request.previous ?? false)
        let streamer = LogStreamer(
            file: file, options: try LogOptions(request, now: Date()), follow: request.follow ?? false,
            isWriting: { await runtime.isWriting(file, namespace: namespace, name: name) })
        do {
            try await streamer.run { chunk in await io.send(chunk) }
        } catch is CancellationError {
            // The client stopped following.
        }
        return .ended
    }

    static let notFound = Status(code: 404, reason: .notFound, message: "the server could not find the requested resource")

    /// The runtime's refusals as the kubelet reports them.
    static func status(for error: PodRuntimeError) -> Status {
        switch error {
        case .podNotFound(_, let name):
            return .notFound(.pod, name: name)
        case .containerNotRunning:
            var status = Status(code: 404, reason: nil, message: error.description)
            status.reason = nil
            return status
        case .containerNotValid, .containerNameRequired, .waitingToStart, .previousNotFound:
            return .badRequest(error.description)
        }
    }
}
