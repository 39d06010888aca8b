import KubeAPI
import Wire

/// The label and field selectors of a list or watch, applied to objects in their JSON form.
struct ObjectFilter: Sendable {
    let labels: Selector
    let fields: FieldSelector?

    init(request: Request) throws {
        do {
            labels = try request.labelSelector.map { try LabelSelectorParser.parse($0) } ?? .everything
            let supported = Self.supportedFields(kind: request.kind)
            fields = try request.fieldSelector.flatMap {
                $0.isEmpty ? nil : try FieldSelector.parse($0, supportedFields: supported)
            }
        } catch {
            throw Status.badRequest("\(error)")
        }
    }

    /// Whether `object` is selected.
    func matches(_ object: JSONValue) -> Bool {
        let objectLabels = object[path: ["metadata", "labels"]]?.objectValue?.compactMapValues(\.stringValue) ?? [:]
        guard labels.matches(objectLabels) else { return false }
        guard let fields else { return true }
        return fields.matches(fields: ObjectFilter.fieldValues(of: object))
    }

    /// The fields of an Event a field selector may name besides the common ones, as Kubernetes' event field set
    /// (what `kubectl describe` selects an object's events by), with where each is read from.
    static let eventFields: [String: [String]] = [
        "involvedObject.kind": ["involvedObject", "kind"], "involvedObject.namespace": ["involvedObject", "namespace"],
        "involvedObject.name": ["involvedObject", "name"], "involvedObject.uid": ["involvedObject", "uid"],
        "involvedObject.apiVersion": ["involvedObject", "apiVersion"],
        "involvedObject.resourceVersion": ["involvedObject", "resourceVersion"],
        "involvedObject.fieldPath": ["involvedObject", "fieldPath"], "reason": ["reason"],
        "reportingComponent": ["reportingComponent"], "source": ["source", "component"], "type": ["type"],
    ]

    /// The field labels a selector may name for objects of `kind` (a kind name as requests carry it).
    static func supportedFields(kind: String) -> Set<String> {
        let isEvent = (ResourceKind.forKind(kind) ?? ResourceKind.resolve(kind)) == .event
        return isEvent ? FieldSelector.defaultSupportedFields.union(eventFields.keys) : FieldSelector.defaultSupportedFields
    }

    /// The values of the fields a field selector may name.
    static func fieldValues(of object: JSONValue) -> [String: String] {
        var values = [
            "metadata.name": object[path: ["metadata", "name"]]?.stringValue ?? "",
            "metadata.namespace": object[path: ["metadata", "namespace"]]?.stringValue ?? "",
            "spec.nodeName": object[path: ["spec", "nodeName"]]?.stringValue ?? "",
            "status.phase": object[path: ["status", "phase"]]?.stringValue ?? "",
        ]
        if object["kind"] == "Event" {
            for (field, path) in eventFields { values[field] = object[path: path]?.stringValue ?? "" }
        }
        return values
    }

    /// Turns a store event into what a filtered watch sees: objects entering the selection are ADDED (or MODIFIED if
    /// already seen), objects leaving it are DELETED, unselected objects are skipped. `visible` tracks the keys
    /// currently selected.
    func translate(_ event: StoreEvent, visible: inout Set<String>) -> WatchEvent? {
        let key = "\(event.key.namespace)/\(event.key.name)"
        let selected = matches(event.object)
        let wasVisible = visible.contains(key)
        switch event.type {
        case .deleted:
            guard wasVisible || selected else { return nil }
            visible.remove(key)
            return WatchEvent(type: .deleted, object: event.object)
        case .bookmark:
            return WatchEvent(type: .bookmark, object: event.object)
        case .added, .modified:
            if selected {
                visible.insert(key)
                return WatchEvent(type: wasVisible ? .modified : (event.type == .added ? .added : .modified),
                                  object: event.object)
            }
            guard wasVisible else { return nil }
            visible.remove(key)
            return WatchEvent(type: .deleted, object: event.object)
        }
    }
}
