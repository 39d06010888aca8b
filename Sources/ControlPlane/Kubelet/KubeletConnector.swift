import Foundation
import Logging
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
    let connectTimeout: Duration
    let logger: Logger

    init(credentials: CertificateKeyPair, caPEM: String, connectTimeout: Duration = .seconds(5), logger: Logger)
        throws
    {
        tls = try KubeletPKI.clientTLS(credentials, caPEM: caPEM)
        self.caPEM = caPEM
        self.connectTimeout = connectTimeout
        self.logger = logger
    }

    /// Sends `request` to node `node`'s kubelet at `address` and pipes its stream to and from `io`.
    ///
    /// - Throws: the kubelet's Status errors as they are; a failure to reach it as `error dialing backend: ...`.
    func proxy(_ request: Request, node: String, address: KubeletAddress, io: StreamIO) async throws -> StreamOutcome {
        let refusal = Mutex<String?>(nil)
        let connected = Mutex(false)
        do {
            return try await WireClient.withConnection(
                host: address.host, port: address.port, tls: tls, serverHostname: nil,
                agent: "controlplane/\(WireVersion.softwareVersion)", connectTimeout: connectTimeout,
                verifyServer: KubeletPKI.kubeletServerCheck(caPEM: caPEM, nodeName: node) { failure in
                    refusal.withLock { $0 = failure.description }
                }
            ) { client in
                connected.withLock { $0 = true }
                return try await Self.pipe(client.stream(request), io)
            }
        } catch let status as Status {
            throw status
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            let endpoint = "\(address.host):\(address.port)"
            if connected.withLock({ $0 }) {
                throw KubeletAddress.dialError("the connection to the kubelet at \(endpoint) was lost: \(error)")
            }
            let why = refusal.withLock { $0 }.map { "tls: kubelet at \(endpoint): \($0)" } ?? "\(endpoint): \(error)"
            logger.info("cannot reach kubelet", metadata: ["node": "\(node)", "error": "\(why)"])
            throw KubeletAddress.dialError(why)
        }
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
