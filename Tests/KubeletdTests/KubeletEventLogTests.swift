import Foundation
import KubeAPI
import Testing
import Wire

@testable import Kubeletd

/// The kubelet's Events as written to the API: what `kubectl describe pod` lists.
@Suite struct KubeletEventLogTests {
    static let pod = PodIdentity(namespace: "default", name: "filebeat-ds-x7k2p", uid: "uid-1")

    static func record(_ event: ContainerEvent, at seconds: TimeInterval = 0) -> PodEventRecord {
        PodEventRecord(
            pod: pod, fieldPath: "spec.containers{filebeat}", event: event, time: Fixture.t0 + seconds)
    }

    @Test func aNewEvent_isAnEventAboutThePodsContainer_fromTheKubeletOnTheNode() throws {
        var log = KubeletEventLog(nodeName: "w1")
        guard case .create(let event) = log.write(for: Self.record(KubeletEventText.started(container: "filebeat")))
        else {
            Issue.record("expected a create")
            return
        }
        #expect(event.metadata.namespace == "default")
        #expect(event.metadata.name?.hasPrefix("filebeat-ds-x7k2p.") == true)
        #expect(event.involvedObject == ObjectReference(
            kind: "Pod", namespace: "default", name: "filebeat-ds-x7k2p", uid: "uid-1", apiVersion: "v1",
            fieldPath: "spec.containers{filebeat}"))
        #expect(event.reason == "Started")
        #expect(event.message == "Started container filebeat")
        #expect(event.type == "Normal")
        #expect(event.source == EventSource(component: "kubelet", host: "w1"))
        #expect(event.reportingComponent == "kubelet")
        #expect(event.reportingInstance == "w1")
        #expect(event.count == 1)
        #expect(event.firstTimestamp == "2026-11-24T21:00:00Z")
        #expect(event.lastTimestamp == "2026-11-24T21:00:00Z")
    }

    @Test func eventsTakenAtTheSameInstant_getDistinctNames() {
        var log = KubeletEventLog(nodeName: "w1")
        let names = [KubeletEventText.created(container: "filebeat"), KubeletEventText.started(container: "filebeat")]
            .map { event -> String? in
                if case .create(let object) = log.write(for: Self.record(event)) { return object.metadata.name }
                return nil
            }
        #expect(names.compactMap { $0 }.count == 2)
        #expect(Set(names).count == 2)
    }

    @Test func aRepeat_bumpsTheCountOfTheEventAlreadyWritten() {
        var log = KubeletEventLog(nodeName: "w1")
        let backOff = KubeletEventText.crashLoopBackOff(container: "filebeat", pod: Self.pod)
        guard case .create(let first) = log.write(for: Self.record(backOff)) else {
            Issue.record("expected a create")
            return
        }
        #expect(
            backOff.message == "Back-off restarting failed container filebeat in pod filebeat-ds-x7k2p_default(uid-1)")
        let second = log.write(for: Self.record(backOff, at: 10))
        #expect(
            second == .bump(
                namespace: "default", name: first.metadata.name ?? "", count: 2, lastTimestamp: "2026-11-24T21:00:10Z"))
        log.forget(name: first.metadata.name ?? "")
        if case .create = log.write(for: Self.record(backOff, at: 20)) {} else { Issue.record("forgotten: a new Event") }
    }

    @Test func pullDurations_areWrittenAsGoDurations() {
        #expect(GoDurationText.format(seconds: 0) == "0s")
        #expect(GoDurationText.format(seconds: 0.5234) == "523ms")
        #expect(GoDurationText.format(seconds: 1.2) == "1.2s")
        #expect(GoDurationText.format(seconds: 62.5) == "1m2.5s")
        #expect(GoDurationText.format(seconds: 3600) == "1h0m0s")
    }
}
