import Logging
import NIOCore
import NIOSSL

/// The server side of one established connection: the hello, then dispatching requests and cancellations.
struct ServerSession: Sendable {
    let service: any WireService
    let sink: AsyncStream<Message>.Continuation
    let channel: any Channel
    let helloTimer: Scheduled<Void>
    let agent: String
    let anonymousPeer: PeerIdentity
    let tls: Bool
    let logger: Logger

    /// Reads frames until the peer closes or breaks the protocol; in-flight requests are cancelled on return.
    func run(_ inbound: NIOAsyncChannelInboundStream<ByteBuffer>) async {
        let inFlight = InFlightRequests()
        await withDiscardingTaskGroup { group in
            var peer: PeerIdentity?
            do {
                frames: for try await frame in inbound {
                    let message: Message
                    do {
                        message = try MessageCodec.decode(frame)
                    } catch {
                        refuse(.badRequest("\(error)"))
                        break frames
                    }
                    guard let established = peer else {
                        guard case .hello(let hello) = message else {
                            refuse(.badRequest("unexpected message: the first message must be a hello"))
                            break frames
                        }
                        guard hello.protocolVersion == WireVersion.protocolVersion else {
                            let mismatch = WireError.versionMismatch(
                                local: WireVersion.protocolVersion, remote: hello.protocolVersion)
                            refuse(.badRequest("\(mismatch)"))
                            break frames
                        }
                        helloTimer.cancel()
                        let identified = try await identifyPeer()
                        peer = identified
                        sink.yield(.hello(Hello(agent: agent, identity: identified.commonName)))
                        continue
                    }
                    switch message {
                    case .request(let id, let request):
                        group.addTask { await inFlight.run(id: id) { await answer(id, request, established) } }
                    case .cancel(let id):
                        inFlight.cancel(id: id)
                    case .hello, .response, .error, .event:
                        refuse(.badRequest("unexpected message: a client may send only requests and cancels"))
                        break frames
                    }
                }
            } catch let error as WireError {
                if case .frameTooLarge = error {
                    refuse(Status(code: 413, reason: .requestEntityTooLarge, message: "\(error)"))
                } else {
                    refuse(.badRequest("\(error)"))
                }
            } catch {
                logger.debug("connection ended", metadata: ["error": "\(error)"])
            }
            group.cancelAll()
        }
    }

    /// Sends a connection-level error; the caller then stops reading, which closes the connection.
    private func refuse(_ status: Status) {
        logger.info("closing connection", metadata: ["reason": "\(status.message ?? "")"])
        sink.yield(.error(id: nil, status))
    }

    /// The peer's identity from its verified client certificate (or the anonymous peer without TLS).
    private func identifyPeer() async throws -> PeerIdentity {
        guard tls else { return anonymousPeer }
        guard let certificate = try await channel.nioSSL_peerCertificate().get() else {
            // Only a listener with optional client certificates (the bootstrap listener) gets here; the main
            // listener requires one, so a client without it never completes the handshake.
            return anonymousPeer
        }
        return try PeerIdentity(certificate: certificate)
    }

    /// Runs one request and sends its outcome.
    private func answer(_ id: UInt64, _ request: Request, _ peer: PeerIdentity) async {
        do {
            if request.verb == .watch {
                try await withTimeout(seconds: request.timeoutSeconds) {
                    try await service.watch(request, from: peer) { event in sink.yield(.event(id: id, event)) }
                }
                sink.yield(.response(id: id, object: nil))
            } else {
                let object = try await withTimeout(seconds: request.timeoutSeconds) {
                    try await service.handle(request, from: peer)
                }
                if Task.isCancelled { return }
                sink.yield(.response(id: id, object: object))
            }
        } catch let status as Status {
            sink.yield(.error(id: id, status))
        } catch let error as WireError {
            if case .timeout = error, request.verb == .watch {
                sink.yield(.response(id: id, object: nil))
            } else {
                sink.yield(.error(id: id, .timeout("\(error)")))
            }
        } catch is CancellationError {
            if request.verb == .watch { sink.yield(.response(id: id, object: nil)) }
        } catch {
            logger.error("request failed", metadata: ["request.id": "\(id)", "error": "\(error)"])
            sink.yield(.error(id: id, .internalError("\(error)")))
        }
    }
}

