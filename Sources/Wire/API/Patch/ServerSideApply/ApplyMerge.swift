/// Merging an applied configuration into a live object, and removing fields from one, by the shape
/// ``ApplySchema`` gives them (structured-merge-diff's `Merge` and `RemoveItems`).
enum ApplyMerge {
    /// `config` merged into `live`: maps merge key by key (`null` in the configuration removes the key), items of
    /// associative lists merge by their keys (new ones are appended), set lists take the union, and everything
    /// else (scalars, atomic lists and maps) is the configuration's.
    static func merge(_ live: JSONValue?, _ config: JSONValue, at path: [String], kind: String) -> JSONValue {
        guard let live else { return withoutNulls(config) }
        switch (live, config) {
        case (.object(var members), .object(let configMembers)) where !ApplySchema.isAtomicMap(at: path, kind: kind):
            for (key, value) in configMembers {
                if value == .null {
                    members[key] = nil
                } else {
                    members[key] = merge(members[key], value, at: path + [key], kind: kind)
                }
            }
            return .object(members)
        case (.array(var items), .array(let configItems)):
            switch ApplySchema.listType(at: path, kind: kind) {
            case .atomic:
                return withoutNulls(config)
            case .set:
                for item in configItems where !items.contains(item) { items.append(item) }
                return .array(items)
            case .associative(let keys, let defaults):
                var positions: [FieldPathElement: Int] = [:]
                for (index, item) in items.enumerated() {
                    positions[FieldSets.element(of: item, index: index, keys: keys, defaults: defaults)] = index
                }
                for (index, item) in configItems.enumerated() {
                    let element = FieldSets.element(of: item, index: index, keys: keys, defaults: defaults)
                    if case .key = element, let position = positions[element] {
                        items[position] = merge(items[position], item, at: path, kind: kind)
                    } else {
                        positions[element] = items.count
                        items.append(withoutNulls(item))
                    }
                }
                return .array(items)
            }
        default:
            return withoutNulls(config)
        }
    }

    /// `value` without the map keys whose value is `null`, at any depth.
    private static func withoutNulls(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(members.compactMapValues { $0 == .null ? nil : withoutNulls($0) })
        case .array(let items):
            return .array(items.map(withoutNulls))
        default:
            return value
        }
    }

    /// The object `value` without the members of `set`: a member field is removed with everything under it, a
    /// member list item or set value is taken out of its list. A map or list that removal leaves empty is removed
    /// too.
    static func removing(_ set: FieldSet, fromObject value: JSONValue, kind: String) -> JSONValue {
        guard case .object(let members) = value else { return value }
        return .object(removing(set, from: members, at: [], kind: kind))
    }

    private static func removing(
        _ set: FieldSet, from members: [String: JSONValue], at path: [String], kind: String
    ) -> [String: JSONValue] {
        var members = members
        for (element, node) in set.children {
            guard case .field(let key) = element, let child = members[key] else { continue }
            if node.isMember {
                members[key] = nil
                continue
            }
            let remaining = removing(node, from: child, at: path + [key], kind: kind)
            if remaining.isEmptyContainer && !child.isEmptyContainer {
                members[key] = nil
            } else {
                members[key] = remaining
            }
        }
        return members
    }

    private static func removing(_ set: FieldSet, from value: JSONValue, at path: [String], kind: String) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(removing(set, from: members, at: path, kind: kind))
        case .array(let items):
            switch ApplySchema.listType(at: path, kind: kind) {
            case .atomic:
                return value
            case .set:
                return .array(items.filter { set.children[.value($0)]?.isMember != true })
            case .associative(let keys, let defaults):
                var kept: [JSONValue] = []
                for (index, item) in items.enumerated() {
                    let element = FieldSets.element(of: item, index: index, keys: keys, defaults: defaults)
                    guard let node = set.children[element] else {
                        kept.append(item)
                        continue
                    }
                    if node.isMember { continue }
                    kept.append(removing(node, from: item, at: path, kind: kind))
                }
                return .array(kept)
            }
        default:
            return value
        }
    }
}

extension JSONValue {
    /// An empty map or list.
    fileprivate var isEmptyContainer: Bool {
        switch self {
        case .object(let members): return members.isEmpty
        case .array(let items): return items.isEmpty
        default: return false
        }
    }
}
