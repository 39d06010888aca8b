import KubeAPI
import Logging
import NIOCore
import NIOWebSocket
import Wire

/// One `pods/exec` over WebSocket (``ExecChannels``): the command runs through the API server's stream (the same
/// checks and kubelet proxy as the frame protocol's exec); its output goes out on channels 1 and 2, stdin and
/// resizes come in, pings are answered, and the end is the command's Status on channel 3 and a close frame.
struct RESTExecSession: Sendable {
    let handler: RESTHandler
    /// How long one write may wait for a client that does not read before the connection is closed.
    let stalledWriteTimeout: TimeAmount
    let logger: Logger

    func run(_ connection: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, uri: String, peer: PeerIdentity?) async {
        do {
            let (channel, stalledWriteTimeout) = (connection.channel, self.stalledWriteTimeout)
            try await connection.executeThenClose { inbound, outbound in
                @Sendable func send(_ bytes: [UInt8], opcode: WebSocketOpcode = .binary) async {
                    await channel.closingIfStalled(after: stalledWriteTimeout) {
                        try? await outbound.write(WebSocketFrame(fin: true, opcode: opcode, data: ByteBuffer(bytes: bytes)))
                    }
                }
                let outcome: Status
                if let peer, let request = ExecChannels.request(uri: uri) {
                    outcome = await exec(request, peer: peer, inbound: inbound, send: send)
                } else {
                    outcome = peer == nil ? RESTErrors.unauthorized : RESTErrors.notFound
                }
                await send(ExecChannels.status(outcome))
                await send([0x03, 0xE8], opcode: .connectionClose)  // 1000: normal closure
            }
        } catch {
            logger.debug("exec connection closed", metadata: ["error": "\(error)"])
        }
    }

    /// Runs the command while reading the client's frames; returns how it ended.
    private func exec(
        _ request: Request, peer: PeerIdentity, inbound: NIOAsyncChannelInboundStream<WebSocketFrame>,
        send: @escaping @Sendable ([UInt8], WebSocketOpcode) async -> Void
    ) async -> Status {
        let input = BoundedQueue<StreamInput, Void>(capacity: 16)
        let io = StreamIO(input: input) { chunk in await send(ExecChannels.output(chunk), .binary) }
        return await withTaskGroup(of: Status?.self) { group in
            group.addTask {
                defer { input.cancel() }
                do {
                    switch try await handler.api.stream(request, from: peer, io: io) {
                    case .exited(let status): return status
                    case .ended: return .execSucceeded()
                    }
                } catch let status as Status {
                    return status
                } catch {
                    return .internalError("\(error)")
                }
            }
            group.addTask {
                // The client's side: stdin, the end of stdin, resizes, pings. Ends when it closes.
                do {
                    for try await frame in inbound {
                        switch frame.opcode {
                        case .binary, .text:
                            var data = frame.unmaskedData
                            if let message = ExecChannels.input(data.readBytes(length: data.readableBytes) ?? []) {
                                _ = await input.send(message)
                            }
                        case .ping:
                            var data = frame.unmaskedData
                            await send(data.readBytes(length: data.readableBytes) ?? [], .pong)
                        case .connectionClose:
                            return nil
                        default:
                            continue
                        }
                    }
                } catch {}
                return nil
            }
            // The command's end ends the session; the client closing first ends the command.
            while let result = await group.next() {
                if let status = result {
                    group.cancelAll()
                    return status
                }
                group.cancelAll()
            }
            return .execSucceeded()
        }
    }
}
