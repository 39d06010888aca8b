import KubeAPI
import Testing
import Wire

@testable import kctl

/// A relist turned into the changes since the events already delivered.
@Suite struct WatchedObjectsTests {
    static func pod(_ name: String, uid: String? = nil, rv: String) -> JSONValue {
        .object([
            "kind": .string("Pod"),
            "metadata": .object([
                "name": .string(name), "namespace": .string("default"), "uid": .string(uid ?? "uid-\(name)"),
                "resourceVersion": .string(rv),
            ]),
        ])
    }

    @Test func relist_reportsOnlyWhatChanged() {
        var objects = WatchedObjects()
        objects.replace(with: [Self.pod("a", rv: "1"), Self.pod("b", rv: "1"), Self.pod("c", rv: "1")])
        objects.apply(WatchEvent(type: .modified, object: Self.pod("a", rv: "4")))
        let changes = objects.relisted([
            Self.pod("a", rv: "4"), Self.pod("c", rv: "6"), Self.pod("d", rv: "7"),
        ])
        #expect(
            changes == [
                WatchEvent(type: .deleted, object: Self.pod("b", rv: "1")),
                WatchEvent(type: .modified, object: Self.pod("c", rv: "6")),
                WatchEvent(type: .added, object: Self.pod("d", rv: "7")),
            ])
        #expect(objects.relisted([Self.pod("a", rv: "4"), Self.pod("c", rv: "6"), Self.pod("d", rv: "7")]).isEmpty)
    }

    @Test func relist_objectRecreatedUnderTheSameName_isDeletedThenAdded() {
        var objects = WatchedObjects()
        objects.replace(with: [Self.pod("a", rv: "1")])
        objects.apply(WatchEvent(type: .added, object: Self.pod("b", rv: "2")))
        objects.apply(WatchEvent(type: .deleted, object: Self.pod("b", rv: "3")))
        let changes = objects.relisted([Self.pod("a", uid: "uid-a2", rv: "9")])
        #expect(
            changes == [
                WatchEvent(type: .deleted, object: Self.pod("a", rv: "1")),
                WatchEvent(type: .added, object: Self.pod("a", uid: "uid-a2", rv: "9")),
            ])
    }
}
