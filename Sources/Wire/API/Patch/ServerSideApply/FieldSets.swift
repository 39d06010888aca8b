/// The field sets of values, and of the difference between two values, by the shape ``ApplySchema`` gives them.
enum FieldSets {
    /// How a value's own fields are counted.
    enum Style {
        /// What an applied configuration names (structured-merge-diff's `ToFieldSet`): leaves (scalars, atomic
        /// values, empty maps and lists) and list items, not the maps on the way.
        case applied
        /// What an update that created the value owns: as `applied`, plus free-form maps themselves.
        case created
    }

    /// The fields of the object `value` (already reduced by ``ApplySchema/trackedPart(of:subresource:)``).
    static func fields(ofObject value: JSONValue, kind: String, style: Style) -> FieldSet {
        guard let members = value.objectValue else { return FieldSet() }
        var set = FieldSet()
        for (key, child) in members {
            let node = fields(of: child, at: [key], kind: kind, style: style)
            if !node.isEmpty { set.children[.field(key)] = node }
        }
        return set
    }

    /// The node for `value` at `path`: itself a member when it is a leaf.
    static func fields(of value: JSONValue, at path: [String], kind: String, style: Style) -> FieldSet {
        switch value {
        case .object(let members):
            if members.isEmpty || ApplySchema.isAtomicMap(at: path, kind: kind) { return FieldSet(isMember: true) }
            var node = FieldSet(isMember: style == .created && ApplySchema.isFreeFormMap(at: path, kind: kind))
            for (key, child) in members {
                let childNode = fields(of: child, at: path + [key], kind: kind, style: style)
                if !childNode.isEmpty { node.children[.field(key)] = childNode }
            }
            return node
        case .array(let items):
            if items.isEmpty { return FieldSet(isMember: true) }
            switch ApplySchema.listType(at: path, kind: kind) {
            case .atomic:
                return FieldSet(isMember: true)
            case .set:
                var node = FieldSet()
                for item in items { node.children[.value(item)] = FieldSet(isMember: true) }
                return node
            case .associative(let keys, let defaults):
                var node = FieldSet()
                for (index, item) in items.enumerated() {
                    var itemNode = fields(of: item, at: path, kind: kind, style: style)
                    itemNode.isMember = true
                    node.children[element(of: item, index: index, keys: keys, defaults: defaults)] = itemNode
                }
                return node
            }
        default:
            return FieldSet(isMember: true)
        }
    }

    /// The path element of item `index` of an associative list: its key fields (a missing one takes its
    /// default), or its position when it lacks a key field with no default.
    static func element(of item: JSONValue, index: Int, keys: [String], defaults: [String: JSONValue]) -> FieldPathElement {
        var fields: [String: JSONValue] = [:]
        for key in keys {
            guard let value = item[key] ?? defaults[key] else { return .index(index) }
            fields[key] = value
        }
        return .key(fields)
    }

    /// What changed from `old` to `new` (objects reduced by ``ApplySchema/trackedPart(of:subresource:)``):
    /// `changed` holds the fields `new` sets to a value `old` did not have (added or modified, as owned by an
    /// update that made the change), `removed` the fields of `old` that `new` no longer has.
    static func changes(from old: JSONValue?, to new: JSONValue?, kind: String) -> (changed: FieldSet, removed: FieldSet) {
        var changed = FieldSet()
        var removed = FieldSet()
        diffMaps(old?.objectValue ?? [:], new?.objectValue ?? [:], at: [], kind: kind, changed: &changed, removed: &removed)
        return (changed, removed)
    }

    private static func diffMaps(
        _ old: [String: JSONValue], _ new: [String: JSONValue], at path: [String], kind: String,
        changed: inout FieldSet, removed: inout FieldSet
    ) {
        for (key, newValue) in new {
            let oldValue = old[key]
            if oldValue == newValue { continue }
            var changedChild = FieldSet()
            var removedChild = FieldSet()
            diff(oldValue, newValue, at: path + [key], kind: kind, changed: &changedChild, removed: &removedChild)
            if !changedChild.isEmpty { changed.children[.field(key)] = changedChild }
            if !removedChild.isEmpty { removed.children[.field(key)] = removedChild }
        }
        for (key, oldValue) in old where new[key] == nil {
            let gone = fields(of: oldValue, at: path + [key], kind: kind, style: .created)
            if !gone.isEmpty { removed.children[.field(key), default: FieldSet()] = gone }
        }
    }

    /// The changes at one position; `changed` and `removed` are that position's nodes.
    private static func diff(
        _ old: JSONValue?, _ new: JSONValue, at path: [String], kind: String,
        changed: inout FieldSet, removed: inout FieldSet
    ) {
        guard let old else {
            changed = fields(of: new, at: path, kind: kind, style: .created)
            return
        }
        switch (old, new) {
        case (.object(let oldMembers), .object(let newMembers))
        where !oldMembers.isEmpty && !newMembers.isEmpty && !ApplySchema.isAtomicMap(at: path, kind: kind):
            diffMaps(oldMembers, newMembers, at: path, kind: kind, changed: &changed, removed: &removed)
        case (.array(let oldItems), .array(let newItems)) where !oldItems.isEmpty && !newItems.isEmpty:
            switch ApplySchema.listType(at: path, kind: kind) {
            case .atomic:
                changed = FieldSet(isMember: true)
            case .set:
                let before = Set(oldItems)
                let after = Set(newItems)
                for item in after.subtracting(before) { changed.children[.value(item)] = FieldSet(isMember: true) }
                for item in before.subtracting(after) { removed.children[.value(item)] = FieldSet(isMember: true) }
            case .associative(let keys, let defaults):
                diffItems(oldItems, newItems, at: path, kind: kind, keys: keys, defaults: defaults,
                          changed: &changed, removed: &removed)
            }
        default:
            // A scalar or atomic value changed, or the value changed shape: the new value is owned as a whole, and
            // whatever the old one held below it is gone.
            changed = fields(of: new, at: path, kind: kind, style: .created)
            if !changed.children.isEmpty || old.objectValue != nil || old.arrayValue != nil {
                let before = fields(of: old, at: path, kind: kind, style: .created)
                removed = FieldSet(isMember: false, children: before.children).subtracting(changed)
            }
        }
    }

    private static func diffItems(
        _ oldItems: [JSONValue], _ newItems: [JSONValue], at path: [String], kind: String, keys: [String],
        defaults: [String: JSONValue], changed: inout FieldSet, removed: inout FieldSet
    ) {
        var before: [FieldPathElement: JSONValue] = [:]
        for (index, item) in oldItems.enumerated() {
            before[element(of: item, index: index, keys: keys, defaults: defaults)] = item
        }
        var seen = Set<FieldPathElement>()
        for (index, item) in newItems.enumerated() {
            let element = element(of: item, index: index, keys: keys, defaults: defaults)
            seen.insert(element)
            guard let oldItem = before[element] else {
                var added = fields(of: item, at: path, kind: kind, style: .created)
                added.isMember = true
                changed.children[element] = added
                continue
            }
            if oldItem == item { continue }
            var changedItem = FieldSet()
            var removedItem = FieldSet()
            diffMaps(oldItem.objectValue ?? [:], item.objectValue ?? [:], at: path, kind: kind,
                     changed: &changedItem, removed: &removedItem)
            if !changedItem.isEmpty { changed.children[element] = changedItem }
            if !removedItem.isEmpty { removed.children[element] = removedItem }
        }
        for (element, item) in before where !seen.contains(element) {
            var gone = fields(of: item, at: path, kind: kind, style: .created)
            gone.isMember = true
            removed.children[element] = gone
        }
    }
}
