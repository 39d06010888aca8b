import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// kubectl drain's pod filters and the texts drain, cordon and uncordon print.
@Suite struct DrainFiltersTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func pod(
        _ name: String, namespace: String = "default", owner: (kind: String, name: String)? = nil,
        emptyDir: Bool = false, phase: String = "Running", mirror: Bool = false, deletedAgo: Double? = nil
    ) -> JSONValue {
        var metadata: [String: JSONValue] = ["name": .string(name), "namespace": .string(namespace), "uid": .string("u-\(name)")]
        if let owner {
            metadata["ownerReferences"] = [[
                "apiVersion": "apps/v1", "kind": .string(owner.kind), "name": .string(owner.name), "uid": "o",
                "controller": true,
            ]]
        }
        if mirror { metadata["annotations"] = ["kubernetes.io/config.mirror": "abc"] }
        if let deletedAgo {
            metadata["deletionTimestamp"] = .string(Timestamp.format(now.addingTimeInterval(-deletedAgo)))
        }
        let volumes: JSONValue = emptyDir ? [["name": "data", "emptyDir": .object([:])]] : [["name": "cfg", "configMap": ["name": "x"]]]
        return [
            "apiVersion": "v1", "kind": "Pod", "metadata": .object(metadata),
            "spec": ["nodeName": "n1", "volumes": volumes], "status": ["phase": .string(phase)],
        ]
    }

    static let filebeat = pod("filebeat-ds-7kq9s", owner: ("DaemonSet", "filebeat-ds"))
    static let redis = pod("redis-5c9f8d7b6-x2x4z", owner: ("ReplicaSet", "redis-5c9f8d7b6"))
    static let proxy = pod("kube-proxy-abcde", namespace: "kube-system", owner: ("DaemonSet", "kube-proxy"))
    static let bare = pod("hr-app")
    static let cache = pod("cache-1", owner: ("ReplicaSet", "cache"), emptyDir: true)

    static func evaluate(_ pods: [JSONValue], _ policy: DrainPolicy = DrainPolicy(),
                         daemonSets: [String: DaemonSetLookup] = [:]) -> DrainPodList {
        DrainFilters.evaluate(pods, policy: policy, daemonSets: daemonSets, now: now)
    }

    @Test func daemonSetPods_withoutIgnore_refuseTheDrain_withKubectlsMessage() {
        let list = Self.evaluate([Self.filebeat, Self.redis, Self.proxy])
        #expect(list.errors == [
            "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/filebeat-ds-7kq9s, kube-system/kube-proxy-abcde",
        ])
        #expect(list.pods.map { JSONFields($0).name } == ["redis-5c9f8d7b6-x2x4z"])
    }

    @Test func daemonSetPods_ignored_areWarnedAboutAndKept() {
        let list = Self.evaluate([Self.filebeat, Self.redis], DrainPolicy(ignoreAllDaemonSets: true))
        #expect(list.errors.isEmpty)
        #expect(list.warnings == "ignoring DaemonSet-managed Pods: default/filebeat-ds-7kq9s")
        #expect(list.pods.map { JSONFields($0).name } == ["redis-5c9f8d7b6-x2x4z"])
    }

    @Test func orphanedDaemonSetPod_isDeletedOnlyWithForce() {
        let missing: [String: DaemonSetLookup] = ["default/filebeat-ds": .missing("daemonsets.apps \"filebeat-ds\" not found")]
        let refused = Self.evaluate([Self.filebeat], daemonSets: missing)
        #expect(refused.errors == ["cannot delete daemonsets.apps \"filebeat-ds\" not found: default/filebeat-ds-7kq9s"])
        let forced = Self.evaluate([Self.filebeat], DrainPolicy(force: true), daemonSets: missing)
        #expect(forced.errors.isEmpty && forced.pods.count == 1)
        // Its warning is dropped: the later filters pass it (it has a controller), and only the last status stays.
        #expect(forced.warnings.isEmpty)
    }

    @Test func unmanagedPods_needForce_andTheMessageIsNotPrefixedTwice() {
        #expect(Self.evaluate([Self.bare]).errors == [
            "cannot delete Pods that declare no controller (use --force to override): default/hr-app",
        ])
        let forced = Self.evaluate([Self.bare], DrainPolicy(force: true))
        #expect(forced.warnings == "deleting Pods that declare no controller: default/hr-app")
        #expect(forced.pods.count == 1)
    }

    @Test func emptyDirPods_needDeleteEmptyDirData_andTheirWarningIsDroppedByTheLastFilter() {
        #expect(Self.evaluate([Self.cache]).errors == [
            "cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache-1",
        ])
        // Upstream keeps only the last filter's status: the unreplicated filter's "okay" replaces the warning.
        let allowed = Self.evaluate([Self.cache], DrainPolicy(deleteEmptyDirData: true))
        #expect(allowed.errors.isEmpty && allowed.warnings.isEmpty && allowed.pods.count == 1)
    }

    @Test func severalRefusals_arePerMessage_inOrderOfFirstPod() {
        let list = Self.evaluate([Self.bare, Self.filebeat, Self.cache, Self.proxy])
        #expect(list.errors == [
            "cannot delete Pods that declare no controller (use --force to override): default/hr-app",
            "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/filebeat-ds-7kq9s, kube-system/kube-proxy-abcde",
            "cannot delete Pods with local storage (use --delete-emptydir-data to override): default/cache-1",
        ])
    }

    @Test func finishedMirrorAndLongDeletedPods() {
        let done = Self.pod("job-x", phase: "Succeeded")
        let finishedDaemon = Self.pod("ds-old", owner: ("DaemonSet", "d"), phase: "Failed")
        let mirror = Self.pod("etcd-n1", mirror: true)
        let gone = Self.pod("old", owner: ("ReplicaSet", "r"), deletedAgo: 60)
        let list = Self.evaluate([done, finishedDaemon, mirror, gone], DrainPolicy(skipWaitForDeleteTimeoutSeconds: 30))
        #expect(list.errors.isEmpty && list.warnings.isEmpty)
        #expect(list.pods.map { JSONFields($0).name } == ["job-x", "ds-old"])
        #expect(DrainFilters.shouldSkip(gone, seconds: 30, now: Self.now))
        #expect(!DrainFilters.shouldSkip(gone, seconds: 90, now: Self.now))
        #expect(!DrainFilters.shouldSkip(gone, seconds: 0, now: Self.now))
    }

    @Test func daemonSetKeys_areTheControllersOfUnfinishedDaemonPods() {
        let keys = DrainFilters.daemonSetKeys([
            Self.filebeat, Self.redis, Self.proxy, Self.pod("f2", owner: ("DaemonSet", "filebeat-ds")),
            Self.pod("old", owner: ("DaemonSet", "gone"), phase: "Failed"),
        ])
        #expect(keys == ["default/filebeat-ds", "kube-system/kube-proxy"])
    }

    @Test func drainTexts() {
        #expect(DrainText.cordonLine(node: "n1", unschedulable: true, alreadyDone: false) == "node/n1 cordoned")
        #expect(DrainText.cordonLine(node: "n1", unschedulable: true, alreadyDone: true) == "node/n1 already cordoned")
        #expect(DrainText.cordonLine(node: "n1", unschedulable: false, alreadyDone: false) == "node/n1 uncordoned")
        #expect(DrainText.cordonLine(node: "n1", unschedulable: false, alreadyDone: true)
            == "node/n1 already uncordoned")
        #expect(DrainText.cordonPatch(unschedulable: true) == ["spec": ["unschedulable": true]])
        #expect(DrainText.cordonPatch(unschedulable: false) == ["spec": ["unschedulable": .null]])
        #expect(DrainText.warning("ignoring DaemonSet-managed Pods: default/a", color: false)
            == "Warning: ignoring DaemonSet-managed Pods: default/a")
        #expect(DrainText.warning("x", color: true) == "\u{1B}[33;1mWarning:\u{1B}[0m x")
        #expect(DrainText.evicting(namespace: "default", name: "redis-x") == "evicting pod default/redis-x")
        #expect(DrainText.finished(name: "redis-x", usingEviction: true) == "pod/redis-x evicted")
        #expect(DrainText.finished(name: "redis-x", usingEviction: false) == "pod/redis-x deleted")
        #expect(DrainText.pendingNodes([]) == nil)
        #expect(DrainText.pendingNodes(["n1"]) == "There are pending nodes to be drained:\n n1")
        #expect(DrainText.pendingPods(node: "n1", error: "boom", pods: ["a", "b"])
            == "There are pending pods in node \"n1\" when an error occurred: boom\npod/a\npod/b")
        #expect(DrainText.waitFailed(namespace: "default", name: "x", message: DrainText.deadlineExceeded)
            == "error when waiting for pod \"x\" in namespace \"default\" to terminate: context deadline exceeded")
    }

    /// The whole stderr of a drain refused for DaemonSet pods, as kubectl prints it.
    @Test func refusedDrain_stderr_matchesKubectl() {
        let list = Self.evaluate([Self.filebeat, Self.redis])
        let error = AggregateError(errors: list.errors.map(MessageError.init))
        let lines = [
            DrainText.unableToDrain(node: "n1", error: KubectlErrors.message(error)),
            DrainText.pendingNodes(["n1"]) ?? "",
            KubectlErrors.checkErr(AggregateError(errors: [error])),
        ]
        #expect(lines.joined(separator: "\n") == """
            error: unable to drain node "n1" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/filebeat-ds-7kq9s, continuing command...
            There are pending nodes to be drained:
             n1
            cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/filebeat-ds-7kq9s
            """)
    }

    @Test func goDurations() {
        let cases: [(Int64, String)] = [
            (0, "0s"), (500, "500ms"), (5000, "5s"), (1500, "1.5s"), (90_000, "1m30s"), (3_600_000, "1h0m0s"),
            (3_723_250, "1h2m3.25s"),
        ]
        for (milliseconds, text) in cases { #expect(GoDurationText.format(milliseconds: milliseconds) == text) }
    }
}
