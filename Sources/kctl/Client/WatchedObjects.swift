import KubeAPI
import Wire

/// The objects a retrying watch has reported, by `namespace/name`, so that a relist (after 410 Gone, or a
/// control-plane restart that lost the watch history) is turned into just the changes since: ADDED for objects
/// not seen before, MODIFIED for those whose resourceVersion moved, DELETED (with the last state seen) for those
/// gone, as client-go's informers deliver a relist. Nothing is reported for objects that did not change. Pure.
struct WatchedObjects: Sendable, Equatable {
    private var objects: [String: JSONValue] = [:]

    /// Records the objects of the first list.
    mutating func replace(with items: [JSONValue]) {
        objects = Dictionary(items.map { (Self.key($0), $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Records a watch event.
    mutating func apply(_ event: WatchEvent) {
        switch event.type {
        case .added, .modified: objects[Self.key(event.object)] = event.object
        case .deleted: objects[Self.key(event.object)] = nil
        case .bookmark: break
        }
    }

    /// Records a relist and returns the events that bring a consumer of the earlier events up to it, deletions
    /// first, then additions and modifications in the list's order.
    mutating func relisted(_ items: [JSONValue]) -> [WatchEvent] {
        var fresh: [String: JSONValue] = [:]
        var changes: [WatchEvent] = []
        for item in items {
            let key = Self.key(item)
            fresh[key] = item
            guard let known = objects[key] else {
                changes.append(WatchEvent(type: .added, object: item))
                continue
            }
            if Self.uid(known) != Self.uid(item) {
                // Deleted and created again under the same name while the watch was away.
                changes.insert(WatchEvent(type: .deleted, object: known), at: 0)
                changes.append(WatchEvent(type: .added, object: item))
            } else if Self.resourceVersion(known) != Self.resourceVersion(item) {
                changes.append(WatchEvent(type: .modified, object: item))
            }
        }
        let gone = objects.filter { fresh[$0.key] == nil }.sorted { $0.key < $1.key }
        changes.insert(contentsOf: gone.map { WatchEvent(type: .deleted, object: $0.value) }, at: 0)
        objects = fresh
        return changes
    }

    private static func key(_ object: JSONValue) -> String { NamespacedKey.of(object) }

    private static func uid(_ object: JSONValue) -> String? { object[path: ["metadata", "uid"]]?.stringValue }

    private static func resourceVersion(_ object: JSONValue) -> String? {
        object[path: ["metadata", "resourceVersion"]]?.stringValue
    }
}
