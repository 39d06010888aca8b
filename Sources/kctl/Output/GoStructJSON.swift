import KubeAPI

/// `-o json` of a typed Go object, as kubectl prints what it decoded into its own types (`kubectl events`' list):
/// `json.MarshalIndent` with four spaces, object fields in the Go struct's declaration order (``GoStructOrder``),
/// maps (labels, annotations, and anything the order does not describe) with sorted keys, fields the order does
/// not name after the named ones, sorted. Pure.
enum GoStructJSON {
    /// The indented JSON text of `value` laid out by `order`, ending with a newline.
    static func print(_ value: JSONValue, order: GoStructOrder) -> String {
        var out = ""
        write(value, order: order, depth: 0, into: &out)
        return out + "\n"
    }

    private static func write(_ value: JSONValue, order: GoStructOrder, depth: Int, into out: inout String) {
        let indent = String(repeating: "    ", count: depth + 1)
        let closing = String(repeating: "    ", count: depth)
        switch value {
        case .object(let fields) where !fields.isEmpty:
            let named = order.fieldNames
            let keys = named.filter { fields[$0] != nil } + fields.keys.filter { !named.contains($0) }.sorted()
            out += "{\n"
            for (index, key) in keys.enumerated() {
                out += indent + JSONPrinter.compact(.string(key)) + ": "
                write(fields[key] ?? .null, order: order.field(key), depth: depth + 1, into: &out)
                out += index + 1 < keys.count ? ",\n" : "\n"
            }
            out += closing + "}"
        case .array(let items) where !items.isEmpty:
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += indent
                write(item, order: order.element, depth: depth + 1, into: &out)
                out += index + 1 < items.count ? ",\n" : "\n"
            }
            out += closing + "]"
        default:
            out += JSONPrinter.compact(value)
        }
    }
}

/// The declaration order of a Go struct's JSON fields, with the order of each field's own value: what
/// ``GoStructJSON`` lays an object out by. `.map` and unknown shapes order their keys alphabetically.
indirect enum GoStructOrder: Sendable {
    /// A struct: its fields in declaration order, each with its value's order.
    case fields([(String, GoStructOrder)])
    /// A list whose elements have this order.
    case list(GoStructOrder)
    /// A map, a scalar, or anything else: keys sorted.
    case sorted

    var fieldNames: [String] {
        if case .fields(let fields) = self { return fields.map(\.0) }
        return []
    }

    func field(_ name: String) -> GoStructOrder {
        if case .fields(let fields) = self { return fields.first { $0.0 == name }?.1 ?? .sorted }
        return .sorted
    }

    var element: GoStructOrder {
        if case .list(let element) = self { return element }
        return .sorted
    }

    /// `metav1.ObjectMeta`.
    static let objectMeta = GoStructOrder.fields(
        [
            "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
            "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
        ].map { ($0, .sorted) } + [
            ("ownerReferences", .list(.fields(
                ["apiVersion", "kind", "name", "uid", "controller", "blockOwnerDeletion"].map { ($0, .sorted) }))),
            ("finalizers", .sorted), ("managedFields", .sorted),
        ])

    /// `corev1.ObjectReference`.
    static let objectReference = GoStructOrder.fields(
        ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"].map { ($0, .sorted) })

    /// `corev1.Event`.
    static let event = GoStructOrder.fields(
        [
            ("kind", .sorted), ("apiVersion", .sorted), ("metadata", objectMeta), ("involvedObject", objectReference),
            ("reason", .sorted), ("message", .sorted), ("source", .fields([("component", .sorted), ("host", .sorted)])),
            ("firstTimestamp", .sorted), ("lastTimestamp", .sorted), ("count", .sorted), ("type", .sorted),
            ("eventTime", .sorted),
            ("series", .fields([("count", .sorted), ("lastObservedTime", .sorted)])), ("action", .sorted),
            ("related", objectReference), ("reportingComponent", .sorted), ("reportingInstance", .sorted),
        ])

    /// `corev1.EventList`.
    static let eventList = GoStructOrder.fields(
        [
            ("kind", .sorted), ("apiVersion", .sorted),
            ("metadata", .fields(["selfLink", "resourceVersion", "continue", "remainingItemCount"].map { ($0, .sorted) })),
            ("items", .list(event)),
        ])
}
