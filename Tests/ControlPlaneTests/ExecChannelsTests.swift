import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// The v5.channel.k8s.io messages of exec over WebSocket: pure.
@Suite struct ExecChannelsTests {
    @Test func clientMessages_areStdinItsEndAndResizes() {
        #expect(ExecChannels.input([0, 104, 105]) == .stdin([104, 105]))
        #expect(ExecChannels.input([255, 0]) == .stdinClosed)
        #expect(ExecChannels.input([4] + Array(#"{"Width":80,"Height":24}"#.utf8)) == .resize(TerminalSize(width: 80, height: 24)))
        #expect(ExecChannels.input([4, 1]) == nil)
        #expect(ExecChannels.input([0]) == nil)
        #expect(ExecChannels.input([]) == nil)
        #expect(ExecChannels.input([1, 65]) == nil)
    }

    @Test func output_goesOutOnItsChannel_andTheEndIsTheStatusOnChannel3() throws {
        #expect(ExecChannels.output(StreamChunk(.stdout, "hi")) == [1, 104, 105])
        #expect(ExecChannels.output(StreamChunk(.stderr, "e")) == [2, 101])
        let failed = ExecChannels.status(.execFailed(exitCode: 3, command: ["sh"]))
        #expect(failed.first == 3)
        let status = try JSONValue(jsonData: .init(failed.dropFirst()))
        #expect(status["reason"] == "NonZeroExitCode")
        #expect(status[path: ["details", "causes"]]?.arrayValue?.first?["message"] == "3")
    }

    @Test func theRequest_comesFromKubectlsURL_onlyForAPodsExec() throws {
        let request = try #require(ExecChannels.request(
            uri: "/api/v1/namespaces/demo/pods/web/exec?command=sh&command=-c&command=echo+%24X&container=c&stdin=true&tty=true&stdout=true"))
        #expect(request.verb == .create && request.kind == "Pod" && request.namespace == "demo" && request.name == "web")
        #expect(request.subresource == "exec" && request.command == ["sh", "-c", "echo $X"] && request.container == "c")
        #expect(request.stdin == true && request.tty == true)
        #expect(ExecChannels.request(uri: "/api/v1/namespaces/demo/pods/web/log") == nil)
        #expect(ExecChannels.request(uri: "/apis/apps/v1/namespaces/demo/daemonsets/x/exec") == nil)
        #expect(ExecChannels.offered("v4.channel.k8s.io, v5.channel.k8s.io"))
        #expect(!ExecChannels.offered("v4.channel.k8s.io"))
    }

    @Test func anAttachRequest_comesFromKubectlsURL_withoutACommand() throws {
        let request = try #require(ExecChannels.request(
            uri: "/api/v1/namespaces/demo/pods/web/attach?container=c&stdin=true&stdout=true&tty=true&command=ignored"))
        #expect(request.verb == .create && request.namespace == "demo" && request.name == "web")
        #expect(request.subresource == "attach" && request.command == nil && request.container == "c")
        #expect(request.stdin == true && request.tty == true && request.isStream)
        let plain = try #require(ExecChannels.request(uri: "/api/v1/namespaces/demo/pods/web/attach?stdout=true&stderr=true"))
        #expect(plain.stdin == nil && plain.tty == nil && plain.container == nil)
        #expect(ExecChannels.request(uri: "/api/v1/namespaces/demo/pods/web/portforward") == nil)
    }
}
