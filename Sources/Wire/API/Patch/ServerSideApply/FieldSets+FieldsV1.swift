extension FieldSets {
    /// ``fields(ofObject:kind:style:)`` straight in `FieldsV1` form, without building the tree: what a create
    /// records, on every create.
    static func fieldsV1(ofObject value: JSONValue, kind: String, style: Style) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for (key, child) in value.objectValue ?? [:] {
            if let node = fieldsV1(of: child, at: [key], kind: kind, style: style, isMember: false) {
                members["f:" + key] = node
            }
        }
        return .object(members)
    }

    /// The `FieldsV1` node for `value` at `path` (`isMember` for a list item, a member whatever it holds); nil when
    /// it holds no member.
    private static func fieldsV1(of value: JSONValue, at path: [String], kind: String, style: Style, isMember: Bool)
        -> JSONValue?
    {
        var isMember = isMember
        var members: [String: JSONValue] = [:]
        switch value {
        case .object(let fields):
            if fields.isEmpty || ApplySchema.isAtomicMap(at: path, kind: kind) { return .object([:]) }
            if style == .created && ApplySchema.isFreeFormMap(at: path, kind: kind) { isMember = true }
            for (key, child) in fields {
                if let node = fieldsV1(of: child, at: path + [key], kind: kind, style: style, isMember: false) {
                    members["f:" + key] = node
                }
            }
        case .array(let items):
            if items.isEmpty { return .object([:]) }
            switch ApplySchema.listType(at: path, kind: kind) {
            case .atomic:
                return .object([:])
            case .set:
                for item in items { members[FieldPathElement.value(item).fieldsV1Key] = .object([:]) }
            case .associative(let keys, let defaults):
                for (index, item) in items.enumerated() {
                    let key = element(of: item, index: index, keys: keys, defaults: defaults).fieldsV1Key
                    members[key] = fieldsV1(of: item, at: path, kind: kind, style: style, isMember: true) ?? .object([:])
                }
            }
        default:
            return .object([:])
        }
        if members.isEmpty { return isMember ? .object([:]) : nil }
        if isMember { members["."] = .object([:]) }
        return .object(members)
    }
}
