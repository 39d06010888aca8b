import Foundation
import Testing

@testable import KubeAPI

/// ``StatefulSetColumns``: kubectl's `NAME READY AGE`, wide `CONTAINERS IMAGES`.
@Suite struct StatefulSetColumnsTests {
    @Test func columns_areKubectls() {
        #expect(StatefulSetColumns.columns.map(\.name) == ["Name", "Ready", "Age", "Containers", "Images"])
        #expect(StatefulSetColumns.columns.map(\.priority) == [0, 0, 0, 1, 1])
        #expect(ObjectIdentifier(TableConvertor.columns(forKind: "StatefulSet"))
            == ObjectIdentifier(StatefulSetColumns.self))
    }

    @Test func cells_readyOutOfDesired() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let set: JSONValue = [
            "metadata": ["name": "web", "creationTimestamp": .string(Timestamp.format(now.addingTimeInterval(-90)))],
            "spec": [
                "replicas": 3,
                "template": ["spec": ["containers": [["name": "nginx", "image": "nginx:1.27"], ["name": "log", "image": "busybox"]]]],
            ],
            "status": ["replicas": 3, "readyReplicas": 2],
        ]
        #expect(StatefulSetColumns.cells(for: set, now: now) == ["web", "2/3", "90s", "nginx,log", "nginx:1.27,busybox"])
        let empty: JSONValue = ["metadata": ["name": "db", "creationTimestamp": .string(Timestamp.format(now))]]
        #expect(StatefulSetColumns.cells(for: empty, now: now) == ["db", "0/1", "0s", "", ""])
    }
}
