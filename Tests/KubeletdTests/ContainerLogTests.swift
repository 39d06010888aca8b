import Foundation
import KubeAPI
import Testing
import Wire

@testable import Kubeletd

/// The CRI log format, the rendering of log options, who the kubelet endpoint serves, and exec's program lookup.
@Suite struct ContainerLogTests {
    private let t0 = Date(timeIntervalSince1970: 1_795_554_000.25)

    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    private func record(_ content: String, at offset: TimeInterval = 0, partial: Bool = false) -> CRILog.Record {
        CRILog.Record(time: t0 + offset, stream: "stdout", partial: partial, content: Array(content.utf8))
    }

    @Test func encode_writesOneFullRecordPerLine_andAPartialForATrailingFragment() {
        #expect(CRILog.formatTime(t0) == "2026-11-24T21:00:00.250000000Z")
        #expect(
            text(CRILog.encode(Array("a\nbc\nde".utf8), at: t0))
                == "2026-11-24T21:00:00.250000000Z stdout F a\n2026-11-24T21:00:00.250000000Z stdout F bc\n"
                + "2026-11-24T21:00:00.250000000Z stdout P de\n")
        #expect(text(CRILog.encode(Array("\n".utf8), at: t0)) == "2026-11-24T21:00:00.250000000Z stdout F \n")
        #expect(CRILog.encode([], at: t0).isEmpty)
    }

    @Test func records_roundTrip_andLeaveAnUnfinishedRecord() {
        let file = CRILog.encode(Array("one\ntwo".utf8), at: t0) + Array("2026-11-24T21:00:01Z stdout F thr".utf8)
        let (records, consumed) = CRILog.records(in: file)
        #expect(records == [record("one"), record("two", partial: true)])
        #expect(text(Array(file[consumed...])) == "2026-11-24T21:00:01Z stdout F thr")
        #expect(text(CRILog.text(of: records)) == "one\ntwo")
        // A line in no known format is kept as it is.
        #expect(CRILog.parse(Array("plain old line".utf8)[...]).content == Array("plain old line".utf8))
    }

    @Test func tail_countsLines_notRecords() {
        let records = [record("a"), record("b1", partial: true), record("b2"), record("c"), record("d", partial: true)]
        #expect(LogRenderer.tail(records, lines: 1).map(\.content) == [Array("d".utf8)])
        #expect(LogRenderer.tail(records, lines: 2).count == 2)
        #expect(LogRenderer.tail(records, lines: 3).count == 4)
        #expect(LogRenderer.tail(records, lines: 4).count == 5)
        #expect(LogRenderer.tail(records, lines: 9).count == 5)
        #expect(LogRenderer.tail(records, lines: 0).isEmpty)
        #expect(LogRenderer.tail([record("x"), record("y")], lines: 1) == [record("y")])
    }

    @Test func render_appliesSinceTimestampsAndLimit() {
        var plain = LogRenderer(options: LogOptions())
        #expect(text(plain.render([record("a"), record("b", partial: true), record("c")])) == "a\nbc\n")

        var stamped = LogRenderer(options: LogOptions(timestamps: true))
        #expect(
            text(stamped.render([record("a"), record("b", at: 1, partial: true), record("c", at: 2)]))
                == "2026-11-24T21:00:00.250000000Z a\n2026-11-24T21:00:01.250000000Z bc\n")

        var recent = LogRenderer(options: LogOptions(since: t0 + 5))
        #expect(text(recent.render([record("old"), record("new", at: 6)])) == "new\n")

        var limited = LogRenderer(options: LogOptions(limitBytes: 5))
        #expect(text(limited.render([record("abc")])) == "abc\n")
        #expect(!limited.isExhausted)
        #expect(text(limited.render([record("def")])) == "d")
        #expect(limited.isExhausted)
        #expect(limited.render([record("more")]).isEmpty)
    }

    @Test func logOptions_fromARequest() throws {
        var request = Request(verb: .get, kind: "Pod", name: "p")
        request.subresource = "log"
        request.tailLines = 3
        request.sinceSeconds = 60
        request.timestamps = true
        request.limitBytes = 100
        let options = try LogOptions(request, now: t0)
        #expect(options == LogOptions(tailLines: 3, since: t0 - 60, timestamps: true, limitBytes: 100))
        request.tailLines = -1
        #expect(throws: Status.badRequest("tailLines: Invalid value: -1: must be greater than or equal to 0")) {
            try LogOptions(request, now: t0)
        }
    }

    @Test func onlyTheKubeletClientIsServed() {
        var exec = Request(verb: .create, kind: "Pod", name: "p")
        exec.subresource = "exec"
        let client = PeerIdentity(commonName: "kube-apiserver-kubelet-client", organizations: ["system:masters"])
        #expect(KubeletAuthorizer.refusal(of: exec, from: client) == nil)
        let admin = PeerIdentity(commonName: "kubernetes-admin", organizations: ["system:masters"])
        #expect(
            KubeletAuthorizer.refusal(of: exec, from: admin)
                == .forbidden("Forbidden (user=kubernetes-admin, verb=create, resource=nodes, subresource=proxy)"))
        let node = PeerIdentity(commonName: "system:node:n2", organizations: ["system:nodes"])
        var log = exec
        log.verb = .get
        log.subresource = "log"
        #expect(
            KubeletAuthorizer.refusal(of: log, from: node)?.message
                == "Forbidden (user=system:node:n2, verb=get, resource=nodes, subresource=proxy)")
        let impostor = PeerIdentity(commonName: "kube-apiserver-kubelet-client", organizations: ["system:nodes"])
        #expect(KubeletAuthorizer.refusal(of: log, from: impostor)?.code == 403)
    }

    @Test func runtimeErrors_asTheKubeletReportsThem() {
        #expect(
            KubeletService.status(for: .waitingToStart(container: "c", pod: "p", reason: "ContainerCreating"))
                == .badRequest("container \"c\" in pod \"p\" is waiting to start: ContainerCreating"))
        #expect(KubeletService.status(for: .podNotFound(namespace: "default", name: "p")) == .notFound(.pod, name: "p"))
        let notRunning = KubeletService.status(for: .containerNotRunning(container: "c"))
        #expect(notRunning.message == "container not found (\"c\")")
        #expect(notRunning.reason == nil)
    }
}
