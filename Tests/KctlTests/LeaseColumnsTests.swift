import Foundation
import KubeAPI
import Testing
import Wire

@testable import kctl

/// `kctl get leases` prints kubectl's lease columns: `NAME HOLDER AGE`.
@Suite struct LeaseColumnsTests {
    let now = Date(timeIntervalSince1970: 1_795_556_712)  // 2026-11-24T21:45:12Z

    func lease(_ name: String, holder: String?) -> JSONValue {
        var spec: JSONValue = ["leaseDurationSeconds": 40, "renewTime": "2026-11-24T21:45:10.000000Z"]
        if let holder { spec["holderIdentity"] = .string(holder) }
        return [
            "kind": "Lease", "apiVersion": "coordination.k8s.io/v1",
            "metadata": ["name": .string(name), "namespace": "kube-node-lease",
                         "creationTimestamp": "2026-11-24T21:40:12Z"],
            "spec": spec,
        ]
    }

    @Test func holderColumn_comesFromSpecHolderIdentity() {
        let table = ResourcePrinter.table(
            kind: "Lease", objects: [lease("w1", holder: "w1"), lease("orphan", holder: nil)], now: now,
            options: ResourcePrinter.Options())
        #expect(table.header == ["NAME", "HOLDER", "AGE"])
        #expect(table.rows == [["w1", "w1", "5m"], ["orphan", "", "5m"]])
    }

    @Test func allNamespaces_addsTheNamespaceColumnFirst() {
        let table = ResourcePrinter.table(
            kind: "Lease", objects: [lease("w1", holder: "w1")], now: now,
            options: ResourcePrinter.Options(showNamespace: true))
        #expect(table.header == ["NAMESPACE", "NAME", "HOLDER", "AGE"])
        #expect(table.rows[0] == ["kube-node-lease", "w1", "w1", "5m"])
    }
}
