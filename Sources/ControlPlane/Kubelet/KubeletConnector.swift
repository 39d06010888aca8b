import Foundation
import KubeAPI
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization
import Wire

/// The control plane's client for kubelets: opens one connection per log or exec stream to the node's kubelet
/// endpoint, as the API server proxies `pods/log` and `pods/exec`, and pipes the stream both ways.
///
/// It presents the kubelet client certificate (``KubeletPKI``) and accepts the kubelet only if its certificate
/// chains to the cluster CA and names the node it dialled (`system:node:NAME`); no host name is checked.
struct KubeletConnector: Sendable {
    let tls: TLSConfiguration
    let caPEM: String
    /// How long connecting, the TLS handshake and the hello may take together (a frozen node accepts TCP
    /// connections in its kernel but never answers).
    let dialTimeout: Duration
    let logger: Logger

    init(credentials: CertificateKeyPair, caPEM: String, dialTimeout: Duration = .seconds(10), logger: Logger) throws {
        tls = try KubeletPKI.clientTLS(credentials, caPEM: caPEM)
        self.caPEM = caPEM
        self.dialTimeout = dialTimeout
        self.logger = logger
    }

    /// Sends `request` to node `node`'s kubelet at `address` and pipes its stream to and from `io`.
    ///
    /// - Throws: the kubelet's Status errors as they are; a failure to reach it as `error dialing backend: ...`.
    func proxy(_ request: Request, node: String, address: KubeletAddress, io: StreamIO) async throws -> StreamOutcome {
        let state = DialState()
        let (tls, caPEM, dialTimeout) = (self.tls, self.caPEM, self.dialTimeout)
        do {
            return try await withThrowingTaskGroup(of: StreamOutcome.self) { group in
                group.addTask {
                    try await WireClient.withConnection(
                        host: address.host, port: address.port, tls: tls, serverHostname: nil,
                        agent: "controlplane/\(WireVersion.softwareVersion)", connectTimeout: dialTimeout,
                        verifyServer: KubeletPKI.kubeletServerCheck(caPEM: caPEM, nodeName: node) { failure in
                            state.refusal.withLock { $0 = failure.description }
                        }
                    ) { client in
                        state.connected.withLock { $0 = true }
                        return try await Self.pipe(client.stream(request), io)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: dialTimeout)
                    if !state.connected.withLock({ $0 }) { throw DialTimeout() }
                    // Connected in time: the stream may last as long as it likes.
                    while true { try await Task.sleep(for: .seconds(3600)) }
                }
                defer { group.cancelAll() }
                guard let outcome = try await group.next() else { throw CancellationError() }
                return outcome
            }
        } catch let status as Status {
            throw status
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            let endpoint = "\(address.host):\(address.port)"
            if state.connected.withLock({ $0 }) {
                throw KubeletAddress.dialError(
                    "the connection to the kubelet at \(endpoint) was lost: \(TransportErrorText.text(error))")
            }
            let why = state.refusal.withLock { $0 }.map { "tls: kubelet at \(endpoint): \($0)" }
                ?? "dial tcp \(endpoint): \(Self.describe(error))"
            logger.info("cannot reach kubelet", metadata: ["node": "\(node)", "error": "\(why)"])
            throw KubeletAddress.dialError(why)
        }
    }

    /// A dial failure as Go words it (`connect: connection refused`, `i/o timeout`).
    static func describe(_ error: any Error) -> String {
        var error = error
        if let connection = error as? NIOConnectionError, let first = connection.connectionErrors.first {
            error = first.error
        }
        if let io = error as? IOError {
            let text = String(cString: strerror(io.errnoCode))
            return "connect: " + text.prefix(1).lowercased() + text.dropFirst()
        }
        if let channel = error as? ChannelError, case .connectTimeout = channel { return "i/o timeout" }
        return TransportErrorText.text(error)
    }

    /// Copies the kubelet's output to the client and the client's input to the kubelet until the kubelet ends the
    /// stream.
    static func pipe(_ stream: WireStream, _ io: StreamIO) async throws -> StreamOutcome {
        try await withThrowingTaskGroup(of: StreamOutcome?.self) { group in
            group.addTask {
                do {
                    for try await input in io.input {
                        switch input {
                        case .stdin(let bytes): await stream.write(bytes)
                        case .stdinClosed: await stream.closeStdin()
                        case .resize(let size): stream.resize(size)
                        }
                    }
                } catch {
                    // Cancelled: the stream is over.
                }
                return nil
            }
            group.addTask {
                while let chunk = try await stream.next() { await io.send(chunk) }
                return stream.outcome ?? .ended
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let outcome = result { return outcome }
            }
            return .ended
        }
    }
}

/// What one dial learned: whether the kubelet answered, and why its certificate was refused if it was.
private final class DialState: Sendable {
    let refusal = Mutex<String?>(nil)
    let connected = Mutex(false)
}

/// The kubelet did not answer within the dial timeout.
private struct DialTimeout: Error, CustomStringConvertible {
    var description: String { "i/o timeout" }
}
