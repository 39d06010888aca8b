import Foundation
import KubeAPI
import Logging
import Synchronization
import Testing
import Wire

/// The stream messages (`data`, `close`, `resize`, `exit`), the bounded queue behind them, and stream requests end
/// to end over an in-process server on loopback (no TLS).
@Suite struct StreamTests {
    // MARK: - Encoding

    private func json(_ message: Message) throws -> JSONValue {
        try JSONValue(jsonData: JSONEncoder().encode(message))
    }

    private func decode(_ text: String) throws -> Message {
        try JSONDecoder().decode(Message.self, from: Data(text.utf8))
    }

    @Test func data_isTextWhenUTF8_elseBase64() throws {
        #expect(
            try json(.data(id: 7, StreamChunk(.stdout, "hi\n")))
                == ["type": "data", "id": 7, "stream": "stdout", "data": "hi\n"])
        #expect(
            try json(.data(id: 7, StreamChunk(.stderr, [0xff, 0x00])))
                == ["type": "data", "id": 7, "stream": "stderr", "data": "/wA=", "encoding": "base64"])
        #expect(
            try decode(#"{"type":"data","id":7,"stream":"stdin","data":"/wA=","encoding":"base64"}"#)
                == .data(id: 7, StreamChunk(.stdin, [0xff, 0x00])))
        #expect(
            try decode(#"{"type":"data","id":7,"stream":"stdin","data":"ls\n"}"#)
                == .data(id: 7, StreamChunk(.stdin, "ls\n")))
        #expect(
            try decode(#"{"type":"data","id":7,"stream":"stdin","data":"x","encoding":"utf8"}"#)
                == .data(id: 7, StreamChunk(.stdin, "x")))
    }

    @Test func bigChunks_travelInPieces() {
        let chunk = StreamChunk(.stdout, [UInt8](repeating: 65, count: 70_000))
        #expect(chunk.pieces().map(\.bytes.count) == [32_768, 32_768, 4_464])
        #expect(chunk.pieces().allSatisfy { $0.stream == .stdout })
        #expect(StreamChunk(.stdout, []).pieces().isEmpty)
    }

    @Test func closeResizeExit_roundTrip() throws {
        for message: Message in [
            .close(id: 3, .stdin), .resize(id: 3, TerminalSize(width: 120, height: 40)),
            .exit(id: 3, .execSucceeded()), .exit(id: 3, .execFailed(exitCode: 3, command: ["sh", "-c", "exit 3"])),
        ] {
            #expect(try decode(String(decoding: JSONEncoder().encode(message), as: UTF8.self)) == message)
        }
        #expect(try json(.resize(id: 3, TerminalSize(width: 80, height: 24)))
            == ["type": "resize", "id": 3, "width": 80, "height": 24])
        #expect(try json(.close(id: 3, .stdin)) == ["type": "close", "id": 3, "stream": "stdin"])
    }

    @Test func malformedStreamMessages_areRefused() {
        #expect(throws: (any Error).self) {
            try decode(#"{"type":"data","id":1,"stream":"stdin","data":"!!","encoding":"base64"}"#)
        }
        #expect(throws: (any Error).self) {
            try decode(#"{"type":"data","id":1,"stream":"stdin","data":"x","encoding":"rot13"}"#)
        }
        #expect(throws: (any Error).self) { try decode(#"{"type":"data","id":1,"stream":"fd3","data":"x"}"#) }
        #expect(throws: (any Error).self) { try decode(#"{"type":"resize","id":1,"width":80}"#) }
    }

    @Test func exitStatuses_asKubernetesReportsThem() throws {
        let failed = Status.execFailed(exitCode: 3, command: ["sh", "-c", "exit 3"])
        #expect(failed.reason?.rawValue == "NonZeroExitCode")
        #expect(failed.status == "Failure")
        #expect(failed.message == "command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3")
        #expect(failed.details?.causes == [StatusCause(reason: "ExitCode", message: "3", field: nil)])
        #expect(failed.execExitCode == 3)
        #expect(Status.execSucceeded().execExitCode == 0)
        #expect(Status.execSucceeded().status == "Success")
        #expect(Status.badRequest("x").execExitCode == nil)
        #expect(Request(verb: .get, kind: "Pod").isStream == false)
        var log = Request(verb: .get, kind: "Pod", name: "p")
        log.subresource = "log"
        #expect(log.isStream)
    }

    // MARK: - The bounded queue

    @Test func boundedQueue_holdsProducersWhenFull_andDeliversInOrderThenTheOutcome() async throws {
        let queue = BoundedQueue<Int, String>(capacity: 2)
        let sent = Mutex(0)
        let producer = Task {
            for value in 1...5 {
                await queue.send(value)
                sent.withLock { $0 = value }
            }
            queue.finish("done")
        }
        // The producer gets capacity + 1 elements ahead of a consumer that reads nothing, and is then held.
        try await waitUntil { queue.waitingProducers == 1 }
        #expect(sent.withLock { $0 } == 2)
        var received: [Int] = []
        while let value = try await queue.next() { received.append(value) }
        await producer.value
        #expect(received == [1, 2, 3, 4, 5])
        #expect(queue.outcome == "done")
    }

    @Test func boundedQueue_cancelReleasesProducers_andFailureReachesTheConsumer() async throws {
        let queue = BoundedQueue<Int, Void>(capacity: 1)
        #expect(await queue.send(1))
        let blocked = Task {
            let second = await queue.send(2)
            let third = await queue.send(3)
            return second && third
        }
        try await waitUntil { queue.waitingProducers == 1 }
        queue.cancel()
        #expect(await blocked.value == false)
        #expect(await queue.send(4) == false)

        let failing = BoundedQueue<Int, Void>(capacity: 4)
        await failing.send(1)
        failing.fail(Status.badRequest("boom"))
        #expect(try await failing.next() == 1)
        await #expect(throws: Status.badRequest("boom")) { try await failing.next() }
    }

    @Test func boundedQueue_consumerCancellation_throws() async throws {
        let queue = BoundedQueue<Int, Void>()
        let consumer = Task { try await queue.next() }
        try await waitUntil { queue.hasWaitingConsumer }
        consumer.cancel()
        await #expect(throws: CancellationError.self) { try await consumer.value }
    }

    // MARK: - Streams over a connection

    /// `log` sends `tailLines` numbered lines (forever with `follow`); `exec` echoes stdin upper-cased, reports
    /// resizes, and exits with the number of bytes it read once stdin closes.
    struct EchoService: WireService {
        let cancelled = WireConnectionTests.Counter()
        /// Log lines the service has handed to the connection.
        let linesSent = WireConnectionTests.Counter()

        func handle(_ request: Request, from peer: PeerIdentity) async throws -> JSONValue? { nil }
        func watch(_ request: Request, from peer: PeerIdentity, send: @escaping @Sendable (WatchEvent) async -> Void)
            async throws
        {}

        func stream(_ request: Request, from peer: PeerIdentity, io: StreamIO) async throws -> StreamOutcome {
            if request.name == "missing" { throw Status.notFound(.pod, name: "missing") }
            if request.subresource == "log" {
                var line = 0
                while request.follow == true || line < request.tailLines ?? 0 {
                    line += 1
                    if Task.isCancelled {
                        cancelled.increment()
                        return .ended
                    }
                    await io.send(StreamChunk(.stdout, "line \(line)\n"))
                    linesSent.increment()
                    if request.follow == true { try? await Task.sleep(for: .milliseconds(5)) }
                }
                return .ended
            }
            var total = 0
            for try await input in io.input {
                switch input {
                case .stdin(let bytes):
                    total += bytes.count
                    await io.send(StreamChunk(.stdout, String(decoding: bytes, as: UTF8.self).uppercased()))
                case .resize(let size):
                    await io.send(StreamChunk(.stderr, "size \(size.width)x\(size.height)\n"))
                case .stdinClosed:
                    return .exited(total == 0 ? .execSucceeded() : .execFailed(exitCode: total, command: ["echo"]))
                }
            }
            return .ended
        }
    }

    private func collect(_ stream: WireStream) async throws -> (stdout: String, stderr: String) {
        var stdout = "", stderr = ""
        while let chunk = try await stream.next() {
            let text = String(decoding: chunk.bytes, as: UTF8.self)
            if chunk.stream == .stderr { stderr += text } else { stdout += text }
        }
        return (stdout, stderr)
    }

    @Test func logStream_deliversEveryChunkInOrder_thenEnds() async throws {
        let service = EchoService()
        try await WireConnectionTests.withServer(service) { port in
            try await WireConnectionTests.connect(port) { client in
                var request = Request(verb: .get, kind: "Pod", name: "p")
                request.subresource = "log"
                request.tailLines = 200
                let stream = client.stream(request)
                // A slow reader: nothing is read until the server has run ahead (by what the queues hold).
                try await waitUntil { service.linesSent.count >= 20 }
                let (stdout, _) = try await collect(stream)
                #expect(stdout == (1...200).map { "line \($0)\n" }.joined())
                #expect(stream.outcome == .ended)
                // The connection keeps serving other requests.
                #expect(try await client.send(Request(verb: .get, kind: "Pod", name: "x")) == nil)
            }
        }
    }

    @Test func execStream_carriesStdinResizeAndTheExitStatus() async throws {
        try await WireConnectionTests.withServer(EchoService()) { port in
            try await WireConnectionTests.connect(port) { client in
                var request = Request(verb: .create, kind: "Pod", name: "p")
                request.subresource = "exec"
                request.stdin = true
                let stream = client.stream(request)
                stream.resize(TerminalSize(width: 80, height: 24))
                await stream.write(Array("hello ".utf8))
                await stream.write(Array("world".utf8))
                await stream.closeStdin()
                let (stdout, stderr) = try await collect(stream)
                #expect(stdout == "HELLO WORLD")
                #expect(stderr == "size 80x24\n")
                #expect(stream.outcome == .exited(.execFailed(exitCode: 11, command: ["echo"])))
            }
        }
    }

    @Test func streamErrors_areThrown_andCancellingStopsTheServerSide() async throws {
        let service = EchoService()
        try await WireConnectionTests.withServer(service) { port in
            try await WireConnectionTests.connect(port) { client in
                var missing = Request(verb: .get, kind: "Pod", name: "missing")
                missing.subresource = "log"
                await #expect(throws: Status.notFound(.pod, name: "missing")) {
                    try await collect(client.stream(missing))
                }
                var follow = Request(verb: .get, kind: "Pod", name: "p")
                follow.subresource = "log"
                follow.follow = true
                let stream = client.stream(follow)
                #expect(try await stream.next() == StreamChunk(.stdout, "line 1\n"))
                stream.cancel()
                try await waitUntil { service.cancelled.count == 1 }
                #expect(try await client.send(Request(verb: .get, kind: "Pod", name: "x")) == nil)
            }
        }
    }

    private func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw WireError.timeout(seconds: 10) }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
