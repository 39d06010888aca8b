import Foundation
import KubeAPI
import Synchronization
import TestSupport
import Testing
import Wire

@testable import Kubeletd

/// `pods/attach` on the kubelet: what a session does with its client's messages (pure), the run's shared streams,
/// and a session on a real process with `stdin: true`.
@Suite struct ContainerAttachTests {
    @Test func stdin_reachesTheProcess_onlyWhenBothSidesWantIt() {
        let both = AttachInputRule(containerStdin: true, stdinOnce: false, tty: false, clientStdin: true)
        #expect(both.action(for: .stdin([104])) == .write([104]))
        #expect(both.action(for: .stdin([])) == .ignore)
        for rule in [
            AttachInputRule(containerStdin: false, stdinOnce: false, tty: false, clientStdin: true),
            AttachInputRule(containerStdin: true, stdinOnce: true, tty: false, clientStdin: false),
        ] {
            #expect(rule.action(for: .stdin([104])) == .ignore)
            #expect(rule.action(for: .stdinClosed) == .ignore)
            #expect(!rule.closesStdinWhenSessionEnds)
        }
    }

    @Test func theEndOfStdin_closesAStdinOnceContainersStdin_elseDetaches() {
        let once = AttachInputRule(containerStdin: true, stdinOnce: true, tty: false, clientStdin: true)
        #expect(once.action(for: .stdinClosed) == .closeContainerStdin)
        #expect(once.closesStdinWhenSessionEnds)
        let kept = AttachInputRule(containerStdin: true, stdinOnce: false, tty: false, clientStdin: true)
        #expect(kept.action(for: .stdinClosed) == .detach)
        #expect(!kept.closesStdinWhenSessionEnds)
        let terminal = AttachInputRule(containerStdin: true, stdinOnce: true, tty: true, clientStdin: true)
        #expect(terminal.action(for: .stdinClosed) == .detach)
        #expect(!terminal.closesStdinWhenSessionEnds)
    }

    @Test func resizes_applyOnlyToATerminal() {
        let size = TerminalSize(width: 100, height: 30)
        #expect(AttachInputRule(containerStdin: true, stdinOnce: true, tty: true, clientStdin: true)
            .action(for: .resize(size)) == .resize(size))
        #expect(AttachInputRule(containerStdin: true, stdinOnce: true, tty: false, clientStdin: true)
            .action(for: .resize(size)) == .ignore)
    }

    @Test func subscribers_getOutputFromNowOn_untilTheRunEnds() async throws {
        let streams = ContainerStreams(stdin: false, stdinOnce: false, tty: false)
        streams.publish(StreamChunk(.stdout, "before"))
        let first = try #require(streams.subscribe())
        streams.publish(StreamChunk(.stdout, "one"))
        let second = try #require(streams.subscribe())
        streams.publish(StreamChunk(.stdout, "two"))
        #expect(!streams.write([1]))
        streams.finish()
        #expect(streams.subscribe() == nil)
        var firstSeen: [String] = []
        for await chunk in first.output { firstSeen.append(String(decoding: chunk.bytes, as: UTF8.self)) }
        var secondSeen: [String] = []
        for await chunk in second.output { secondSeen.append(String(decoding: chunk.bytes, as: UTF8.self)) }
        #expect(firstSeen == ["one", "two"])
        #expect(secondSeen == ["two"])
    }

    @Test func theFirstSubscriberOfAStdinOnceRun_getsItsOutputFromTheStart_evenAfterItEnded() async throws {
        let streams = ContainerStreams(stdin: true, stdinOnce: true, tty: false)
        streams.publish(StreamChunk(.stdout, "early"))
        streams.finish()
        let first = try #require(streams.subscribe())
        #expect(streams.subscribe() == nil)
        var seen: [String] = []
        for await chunk in first.output { seen.append(String(decoding: chunk.bytes, as: UTF8.self)) }
        #expect(seen == ["early"])

        let live = ContainerStreams(stdin: true, stdinOnce: true, tty: false)
        live.publish(StreamChunk(.stdout, "a"))
        let attached = try #require(live.subscribe())
        live.publish(StreamChunk(.stdout, "b"))
        let second = try #require(live.subscribe())
        live.publish(StreamChunk(.stdout, "c"))
        live.finish()
        var firstSeen: [String] = []
        for await chunk in attached.output { firstSeen.append(String(decoding: chunk.bytes, as: UTF8.self)) }
        var secondSeen: [String] = []
        for await chunk in second.output { secondSeen.append(String(decoding: chunk.bytes, as: UTF8.self)) }
        #expect(firstSeen == ["a", "b", "c"])
        #expect(secondSeen == ["c"])
    }

    @Test func stdin_isQueuedForTheDriver_andClosedOnce() async {
        let streams = ContainerStreams(stdin: true, stdinOnce: true, tty: false)
        #expect(streams.write([104, 105]))
        streams.resize(TerminalSize(width: 1, height: 1))
        streams.closeStdin()
        streams.closeStdin()
        #expect(!streams.write([33]))
        streams.finish()
        var inputs: [ContainerInput] = []
        for await input in streams.input { inputs.append(input) }
        #expect(inputs == [.data([104, 105]), .close])
    }
}

extension PodRuntimeProcessTests {
    @Test("attach to a stdinOnce process: its output from its start (first session), our stdin, its end with our stdin")
    func attach() async throws {
        var container = Fixture.container(
            "app", image: "busybox", command: ["sh", "-c", "echo ready; read line; echo got:$line; sleep 0.2"])
        container.stdin = true
        container.stdinOnce = true
        let pod = Fixture.pod("talk", containers: [container], restartPolicy: "Never")
        try await withRuntime { runtime, recorder in
            await runtime.sync([pod])
            _ = try await eventually(within: .seconds(10), "the process to wait for its line") {
                let logs = try? await runtime.logs(namespace: "default", name: "talk")
                return logs == "ready\n" ? true : nil
            }
            let streams = try await runtime.attachStreams(namespace: "default", name: "talk")
            let input = BoundedQueue<StreamInput, Void>(capacity: 16)
            let output = Mutex<[UInt8]>([])
            let io = StreamIO(input: input) { chunk in output.withLock { $0 += chunk.bytes } }
            async let outcome = AttachRunner.run(streams, container: "app", clientStdin: true, io: io)
            _ = await input.send(.stdin(Array("hello\n".utf8)))
            _ = await input.send(.stdinClosed)
            #expect(try await outcome == .ended)
            // The first session of a stdinOnce run also gets what it printed before; its stdin ended with ours.
            #expect(String(decoding: output.withLock { $0 }, as: UTF8.self) == "ready\ngot:hello\n")
            let status = try await eventually(within: .seconds(10), "the pod to succeed") {
                recorder.latest("default/talk").flatMap { $0.phase == "Succeeded" ? $0 : nil }
            }
            #expect(status.container("app")?.state?.terminated?.exitCode == 0)
            // The run ended and its first session has been: nothing more to attach to.
            let ended = try await runtime.attachStreams(namespace: "default", name: "talk")
            await #expect(throws: PodRuntimeError.containerNotRunning(container: "app")) {
                try await AttachRunner.run(ended, container: "app", clientStdin: false, io: io)
            }
        }
    }

    @Test("a tty container runs on a terminal: attach types into it, sees its echo and sets its size")
    func attachToATerminal() async throws {
        var container = Fixture.container("app", image: "busybox", command: ["sh"])
        container.stdin = true
        container.stdinOnce = true
        container.tty = true
        let pod = Fixture.pod("term", containers: [container], restartPolicy: "Never")
        let helper = try BuiltProducts.url(for: "kubeletd").path
        try await withRuntime(terminalHelper: helper) { runtime, recorder in
            await runtime.sync([pod])
            _ = try await eventually(within: .seconds(10), "the shell to run") {
                recorder.latest("default/term")?.container("app")?.state?.running
            }
            let streams = try await runtime.attachStreams(namespace: "default", name: "term")
            let input = BoundedQueue<StreamInput, Void>(capacity: 16)
            let output = Mutex<[UInt8]>([])
            let io = StreamIO(input: input) { chunk in output.withLock { $0 += chunk.bytes } }
            async let outcome = AttachRunner.run(streams, container: "app", clientStdin: true, io: io)
            _ = await input.send(.resize(TerminalSize(width: 91, height: 33)))
            _ = await input.send(.stdin(Array("test -t 0 && stty size; exit 4\r".utf8)))
            #expect(try await outcome == .ended)
            let text = String(decoding: output.withLock { $0 }, as: UTF8.self)
            #expect(text.contains("exit 4\r\n"), "the terminal echoes: \(text)")
            #expect(text.contains("33 91\r\n"), "\(text)")
            let status = try await eventually(within: .seconds(10), "the pod to fail") {
                recorder.latest("default/term").flatMap { $0.phase == "Failed" ? $0 : nil }
            }
            #expect(status.container("app")?.state?.terminated?.exitCode == 4)
        }
    }

    @Test("a quick stdinOnce command that ended before anyone attached: the first attach gets its output")
    func attachAfterTheEnd() async throws {
        var container = Fixture.container("app", image: "busybox", command: ["sh", "-c", "echo quick"])
        container.stdin = true
        container.stdinOnce = true
        let pod = Fixture.pod("quick", containers: [container], restartPolicy: "Never")
        try await withRuntime { runtime, recorder in
            await runtime.sync([pod])
            _ = try await eventually(within: .seconds(10), "the pod to succeed") {
                recorder.latest("default/quick").flatMap { $0.phase == "Succeeded" ? $0 : nil }
            }
            let streams = try await runtime.attachStreams(namespace: "default", name: "quick")
            let output = Mutex<[UInt8]>([])
            let io = StreamIO(input: BoundedQueue<StreamInput, Void>(capacity: 16)) { chunk in
                output.withLock { $0 += chunk.bytes }
            }
            #expect(try await AttachRunner.run(streams, container: "app", clientStdin: true, io: io) == .ended)
            #expect(String(decoding: output.withLock { $0 }, as: UTF8.self) == "quick\n")
            let again = try await runtime.attachStreams(namespace: "default", name: "quick")
            await #expect(throws: PodRuntimeError.containerNotRunning(container: "app")) {
                try await AttachRunner.run(again, container: "app", clientStdin: false, io: io)
            }
        }
    }
}
