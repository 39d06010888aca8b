import Foundation
import KubeAPI
import TestSupport
import Testing

/// A StatefulSet through the real kubectl on a `kctl cluster create` cluster: `scale` 0→3 creates web-0, web-1 and
/// web-2 in order, each after the previous one is Running and Ready; 3→1 deletes web-2, then web-1 once web-2 is
/// gone; a rolling update with partition 2 replaces only web-2, and partition 0 then web-1 and web-0, highest first;
/// `rollout status|history|undo` and `get`/`describe` along the way. The order is read from a `kubectl get pods -w
/// --output-watch-events` running throughout.
@Suite(.serialized, .enabled(if: KubectlSession.executable != nil, "no kubectl on PATH"))
struct StatefulSetEndToEndTests {
    static let manifest = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: web
        spec:
          replicas: 0
          serviceName: web
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              terminationGracePeriodSeconds: 5
              containers:
              - name: web
                image: busybox:1.36
                command: ["sleep", "3600"]
        """

    /// One row of the watch: `EVENT NAME READY STATUS ...`.
    struct WatchRow: Equatable {
        var event: String
        var name: String
        var ready: String
        var status: String
    }

    /// The watch's rows so far, the header left out.
    static func rows(_ watcher: ChildProcess) -> [WatchRow] {
        tableRows(watcher.capturedOutput).filter { $0.count >= 4 && $0[0] != "EVENT" }
            .map { WatchRow(event: $0[0], name: $0[1], ready: $0[2], status: $0[3]) }
    }

    /// The index of the first row after `start` that `accept` takes, or nil.
    static func first(_ rows: [WatchRow], from start: Int = 0, _ accept: (WatchRow) -> Bool) -> Int? {
        rows.indices.first { $0 >= start && accept(rows[$0]) }
    }

    func images(_ kubectl: KubectlSession) async throws -> [String] {
        let out = try await kubectl(
            "get", "pods", "-l", "app=web", "-o", "jsonpath={range .items[*]}{.metadata.name}={.spec.containers[0].image} {end}")
        return out.stdout.split(separator: " ").map(String.init)
    }

    func podNames(_ kubectl: KubectlSession) async throws -> String {
        try await kubectl("get", "pods", "-l", "app=web", "-o", "name").stdout
    }

    @Test func orderedScaling_andAPartitionedRollingUpdate() async throws {
        try await KubectlSession.withCluster("statefulset") { kubectl in
            let watcher = try kubectl.spawn("get", "pods", "-l", "app=web", "-w", "--output-watch-events")
            defer { watcher.signal(SIGKILL) }
            let applied = try await kubectl("apply", "-f", try kubectl.file("web.yaml", Self.manifest))
            #expect(applied.stdout == "statefulset.apps/web created\n", "\(applied)")
            try await scaleUp(kubectl, watcher)
            try await scaleDown(kubectl, watcher)
            try await partitionedUpdate(kubectl, watcher)
            try await history(kubectl)
        }
    }

    /// 0→3: web-1 appears only after web-0 is Running and Ready, web-2 only after web-1.
    func scaleUp(_ kubectl: KubectlSession, _ watcher: ChildProcess) async throws {
        let scaled = try await kubectl("scale", "sts/web", "--replicas=3")
        #expect(scaled.stdout == "statefulset.apps/web scaled\n", "\(scaled)")
        let status = try await kubectl("rollout", "status", "sts/web", "--timeout=60s")
        #expect(status.status == 0, "\(status)")
        // Pods start fast here: the waiting lines kubectl prints before the last one depend on timing.
        let lines = status.stdout.split(separator: "\n").dropLast()
        #expect(lines.allSatisfy { $0.hasPrefix("Waiting for ") && $0.hasSuffix("...") }, "\(status)")
        #expect(status.stdout.hasSuffix("partitioned roll out complete: 3 new pods have been updated...\n"), "\(status)")
        #expect(try await podNames(kubectl) == "pod/web-0\npod/web-1\npod/web-2\n")

        let rows = Self.rows(watcher)
        for (previous, next) in [("web-0", "web-1"), ("web-1", "web-2")] {
            let ready = Self.first(rows) { $0.name == previous && $0.ready == "1/1" && $0.status == "Running" }
            let created = Self.first(rows) { $0.name == next }
            #expect(ready != nil && created != nil && ready! < created!,
                    "\(next) before \(previous) was ready:\n\(watcher.capturedOutput)")
        }
        let table = tableRows(try await kubectl("get", "sts", "web").stdout)
        #expect(table.first == ["NAME", "READY", "AGE"])
        #expect(table.last?.prefix(2) == ["web", "3/3"], "\(table)")
        let wide = tableRows(try await kubectl("get", "sts", "-o", "wide").stdout)
        #expect(wide.first == ["NAME", "READY", "AGE", "CONTAINERS", "IMAGES"])
        #expect(wide.last?.suffix(2) == ["web", "busybox:1.36"], "\(wide)")
        let described = try await kubectl("describe", "sts", "web")
        #expect(describedValue(described.stdout, "Replicas") == "3 desired | 3 total", "\(described)")
        #expect(describedValue(described.stdout, "Pods Status") == "3 Running / 0 Waiting / 0 Succeeded / 0 Failed")
        #expect(described.stdout.contains("create Pod web-2 in StatefulSet web successful"), "\(described)")
        let hostname = try await kubectl("get", "pod", "web-1", "-o", "jsonpath={.spec.hostname}.{.spec.subdomain}")
        #expect(hostname.stdout == "web-1.web")
    }

    /// 3→1: web-2 goes first; web-1 is deleted only once web-2 is gone; web-0 stays.
    func scaleDown(_ kubectl: KubectlSession, _ watcher: ChildProcess) async throws {
        let start = Self.rows(watcher).count
        let scaled = try await kubectl("scale", "sts/web", "--replicas=1")
        #expect(scaled.stdout == "statefulset.apps/web scaled\n", "\(scaled)")
        try await kubectl.until("web-1 and web-2 gone", within: .seconds(60), "get", "pods", "-l", "app=web", "-o", "name") {
            $0.stdout == "pod/web-0\n"
        }
        try await eventually(within: .seconds(30), poll: .milliseconds(100), "the watch to show web-1 deleted") {
            Self.first(Self.rows(watcher), from: start) { $0.event == "DELETED" && $0.name == "web-1" }
        }
        let rows = Self.rows(watcher)
        let goneTwo = Self.first(rows, from: start) { $0.event == "DELETED" && $0.name == "web-2" }
        let terminatingOne = Self.first(rows, from: start) { $0.name == "web-1" && $0.status == "Terminating" }
        #expect(goneTwo != nil && terminatingOne != nil && goneTwo! < terminatingOne!,
                "web-1 terminated before web-2 was gone:\n\(watcher.capturedOutput)")
        #expect(Self.first(rows, from: start) { $0.name == "web-0" && $0.status == "Terminating" } == nil)
    }

    /// Partition 2 of 3 updates only web-2; partition 0 then updates web-1, then web-0.
    func partitionedUpdate(_ kubectl: KubectlSession, _ watcher: ChildProcess) async throws {
        _ = try await kubectl("scale", "sts/web", "--replicas=3")
        _ = try await kubectl("rollout", "status", "sts/web", "--timeout=60s")
        let partitioned = try await kubectl(
            "patch", "sts", "web", "-p", #"{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}}}}"#)
        #expect(partitioned.stdout == "statefulset.apps/web patched\n", "\(partitioned)")
        let start = Self.rows(watcher).count
        let set = try await kubectl("set", "image", "sts/web", "web=busybox:1.37")
        #expect(set.stdout == "statefulset.apps/web image updated\n", "\(set)")
        let status = try await kubectl("rollout", "status", "sts/web", "--timeout=60s")
        #expect(status.stdout.hasSuffix("partitioned roll out complete: 1 new pods have been updated...\n"), "\(status)")
        try await kubectl.until("web-2 ready", within: .seconds(60), "get", "sts", "web", "-o",
                                "jsonpath={.status.readyReplicas}/{.status.updatedReplicas}") { $0.stdout == "3/1" }
        #expect(try await images(kubectl) == ["web-0=busybox:1.36", "web-1=busybox:1.36", "web-2=busybox:1.37"])
        var rows = Self.rows(watcher)
        #expect(Self.first(rows, from: start) { $0.name != "web-2" && $0.status == "Terminating" } == nil,
                "only web-2 is replaced:\n\(watcher.capturedOutput)")

        let middle = rows.count
        _ = try await kubectl("patch", "sts", "web", "-p", #"{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}"#)
        let done = try await kubectl("rollout", "status", "sts/web", "--timeout=60s")
        #expect(done.stdout.hasSuffix("partitioned roll out complete: 3 new pods have been updated...\n"), "\(done)")
        #expect(try await images(kubectl) == ["web-0=busybox:1.37", "web-1=busybox:1.37", "web-2=busybox:1.37"])
        rows = Self.rows(watcher)
        let goneOne = Self.first(rows, from: middle) { $0.event == "DELETED" && $0.name == "web-1" }
        let terminatingZero = Self.first(rows, from: middle) { $0.name == "web-0" && $0.status == "Terminating" }
        #expect(goneOne != nil && terminatingZero != nil && goneOne! < terminatingZero!,
                "web-0 replaced before web-1:\n\(watcher.capturedOutput)")
        #expect(Self.first(rows, from: middle) { $0.name == "web-2" && $0.status == "Terminating" } == nil)
        let revisions = try await kubectl(
            "get", "sts", "web", "-o", "jsonpath={.status.currentRevision}={.status.updateRevision}")
        let parts = revisions.stdout.split(separator: "=")
        #expect(parts.count == 2 && parts.first == parts.last, "\(revisions)")
    }

    /// `rollout history` lists both revisions; `rollout undo` goes back to busybox:1.36.
    func history(_ kubectl: KubectlSession) async throws {
        let history = try await kubectl("rollout", "history", "sts/web")
        #expect(history.stdout == "statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n",
                "\(history)")
        let undone = try await kubectl("rollout", "undo", "sts/web")
        #expect(undone.stdout == "statefulset.apps/web rolled back\n", "\(undone)")
        let done = try await kubectl("rollout", "status", "sts/web", "--timeout=90s")
        #expect(done.status == 0, "\(done)")
        try await kubectl.until("rolled back", within: .seconds(90), "get", "pods", "-l", "app=web", "-o",
                                "jsonpath={range .items[*]}{.spec.containers[0].image} {end}") {
            $0.stdout == "busybox:1.36 busybox:1.36 busybox:1.36 "
        }
    }
}
