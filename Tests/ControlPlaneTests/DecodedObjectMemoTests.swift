import KubeAPI
import Testing
import Wire

@testable import ControlPlane

/// The controllers' typed memo: one decode per resourceVersion, a new one when the object changes, and objects gone
/// from a complete list forgotten.
@Suite struct DecodedObjectMemoTests {
    static func node(_ name: String, resourceVersion: String, label: String = "a") -> JSONValue {
        ["apiVersion": "v1", "kind": "Node",
         "metadata": ["name": .string(name), "resourceVersion": .string(resourceVersion), "labels": ["k": .string(label)]]]
    }

    static func pod(_ name: String, namespace: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "Pod",
         "metadata": ["name": .string(name), "namespace": .string(namespace), "resourceVersion": "1"],
         "spec": ["containers": [["name": "c", "image": "i"]]]]
    }

    @Test func sameResourceVersion_isServedFromTheMemo_aNewOneIsDecoded() throws {
        let memo = DecodedObjectMemo()
        let first = try memo.decode(Self.node("n1", resourceVersion: "5"), as: Node.self)
        #expect(first.metadata.labels?["k"] == "a")
        // Same resourceVersion: the memo's value, even if (impossibly) the JSON differed.
        let again = try memo.decode(Self.node("n1", resourceVersion: "5", label: "b"), as: Node.self)
        #expect(again.metadata.labels?["k"] == "a")
        let changed = try memo.decode(Self.node("n1", resourceVersion: "6", label: "b"), as: Node.self)
        #expect(changed.metadata.labels?["k"] == "b")
        #expect(memo.count == 1)
    }

    @Test func completeList_forgetsObjectsThatAreGone_onlyInItsScope() throws {
        let memo = DecodedObjectMemo()
        _ = try memo.decodeList(
            [Self.pod("a", namespace: "x"), Self.pod("b", namespace: "x"), Self.pod("c", namespace: "y")],
            as: Pod.self, namespace: nil)
        #expect(memo.count == 3)
        // A list of namespace x without b forgets b, not y's c.
        let listed = try memo.decodeList([Self.pod("a", namespace: "x")], as: Pod.self, namespace: "x")
        #expect(listed.map(\.name) == ["a"])
        #expect(memo.count == 2)
        _ = try memo.decodeList([], as: Pod.self, namespace: nil)
        #expect(memo.count == 0)
    }

    @Test func objectsWithoutResourceVersion_areDecodedEveryTime() throws {
        let memo = DecodedObjectMemo()
        let node: JSONValue = ["apiVersion": "v1", "kind": "Node", "metadata": ["name": "n"]]
        #expect(try memo.decode(node, as: Node.self).name == "n")
        #expect(memo.count == 0)
    }
}
