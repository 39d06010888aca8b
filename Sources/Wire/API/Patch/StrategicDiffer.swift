/// Computes strategic merge patches between two objects (apimachinery `diffMaps` and `diffLists`).
///
/// Keyed lists diff item by item (changed items carry their merge key, removed ones become
/// `{"<key>": …, "$patch": "delete"}`, and a `$setElementOrder/<field>` list records the new order); primitive
/// merge lists produce `$deleteFromPrimitiveList/<field>` for removals; other lists are replaced whole.
/// Maps with the `retainKeys` strategy get a `$retainKeys` list.
struct StrategicDiffer {
    let kind: String
    var ignoreChangesAndAdditions = false
    var ignoreDeletions = false
    /// When false, every list is treated as replace-only (the fallback when merge keys are missing).
    var useSchema = true

    func diffMaps(
        _ original: [String: JSONValue],
        _ modified: [String: JSONValue],
        path: [String]
    ) throws
        -> [String: JSONValue]
    {
        var patch: [String: JSONValue] = [:]
        for (key, modifiedValue) in modified {
            guard let originalValue = original[key] else {
                if !ignoreChangesAndAdditions { patch[key] = modifiedValue }
                continue
            }
            if key == Directive.marker {
                if !PatchValues.equal(originalValue, modifiedValue) { patch[key] = modifiedValue }
                continue
            }
            switch (originalValue, modifiedValue) {
            case (.object, .object) where useSchema && StrategicMergeSchema.replacesMap(at: path + [key], kind: kind):
                if !ignoreChangesAndAdditions { patch[key] = modifiedValue }
            case (.object(let o), .object(let m)):
                let sub = try diffMaps(o, m, path: path + [key])
                if !sub.isEmpty { patch[key] = .object(sub) }
            case (.array(let o), .array(let m)):
                try diffSlices(key: key, o, m, path: path + [key], into: &patch)
            default:
                if !ignoreChangesAndAdditions && !PatchValues.equal(originalValue, modifiedValue) {
                    patch[key] = modifiedValue
                }
            }
        }
        if !ignoreDeletions {
            for key in original.keys where modified[key] == nil { patch[key] = .null }
        }
        if useSchema && StrategicMergeSchema.retainsKeys(at: path, kind: kind) {
            let retained = modified.filter { $0.value != .null }.map(\.key).sorted(by: PatchValues.goLess)
            let clears = original.contains { $0.value != .null && modified[$0.key] == nil }
            if !retained.isEmpty && (!patch.isEmpty || clears) {
                patch[Directive.retainKeys] = .array(retained.map { .string($0) })
            }
        }
        return patch
    }

    private func diffSlices(
        key: String,
        _ original: [JSONValue],
        _ modified: [JSONValue],
        path: [String],
        into patch: inout [String: JSONValue]
    ) throws {
        let strategy = useSchema ? StrategicMergeSchema.listStrategy(at: path, kind: kind) : .replace
        guard strategy.merges else {
            if !ignoreChangesAndAdditions && !PatchValues.equal(.array(original), .array(modified)) {
                patch[key] = .array(modified)
            }
            return
        }
        if original.isEmpty {
            if !modified.isEmpty && !ignoreChangesAndAdditions { patch[key] = .array(modified) }
            return
        }
        let isMap = try StrategicMerger.elementsAreObjects(original + modified, path: path)
        if isMap {
            guard let mergeKey = strategy.mergeKey else {
                throw PatchError(.invalidList, "cannot diff lists without merge key for \(path.joined(separator: "."))")
            }
            var (changes, deletions) = try diffListsOfMaps(original, modified, mergeKey: mergeKey, path: path)
            changes = PatchValues.stableSorted(changes) {
                (StrategicListOrder.index(of: $0, in: modified, mergeKey: mergeKey) ?? Int.max)
                    < (StrategicListOrder.index(of: $1, in: modified, mergeKey: mergeKey) ?? Int.max)
            }
            let orderSame =
                original.count == modified.count
                && zip(original, modified).allSatisfy {
                    PatchValues.equal($0.objectValue?[mergeKey], $1.objectValue?[mergeKey])
                }
            let list = changes + deletions
            if !list.isEmpty { patch[key] = .array(list) }
            if !modified.isEmpty
                && ((!ignoreChangesAndAdditions && (!list.isEmpty || !orderSame))
                    || (!ignoreDeletions && !list.isEmpty))
            {
                patch[Directive.setElementOrder + "/" + key] = .array(
                    modified.map { .object([mergeKey: $0.objectValue?[mergeKey] ?? .null]) }
                )
            }
        } else {
            let (additions, deletions) = diffListsOfScalars(original, modified)
            let sortedAdditions = PatchValues.stableSorted(additions) {
                (StrategicListOrder.index(of: $0, in: modified, mergeKey: nil) ?? Int.max)
                    < (StrategicListOrder.index(of: $1, in: modified, mergeKey: nil) ?? Int.max)
            }
            if !sortedAdditions.isEmpty { patch[key] = .array(sortedAdditions) }
            if !deletions.isEmpty { patch[Directive.deleteFromPrimitiveList + "/" + key] = .array(deletions) }
            if !modified.isEmpty
                && ((!ignoreDeletions && !deletions.isEmpty)
                    || (!ignoreChangesAndAdditions && !PatchValues.equal(.array(original), .array(modified))))
            {
                patch[Directive.setElementOrder + "/" + key] = .array(modified)
            }
        }
    }

    /// Walks both lists sorted by merge key (as Go's `%v` text): equal keys diff recursively, keys only in
    /// `modified` are added whole, keys only in `original` get a delete directive.
    private func diffListsOfMaps(
        _ original: [JSONValue],
        _ modified: [JSONValue],
        mergeKey: String,
        path: [String]
    )
        throws -> (changes: [JSONValue], deletions: [JSONValue])
    {
        typealias Keyed = (key: String, value: JSONValue, item: [String: JSONValue])
        func keyed(_ list: [JSONValue]) throws -> [Keyed] {
            let entries: [Keyed] = try list.map { item in
                guard case .object(let members) = item, let value = members[mergeKey] else {
                    throw StrategicListOrder.noMergeKey(item, mergeKey)
                }
                return (PatchValues.goString(value), value, members)
            }
            return PatchValues.stableSorted(entries) { PatchValues.goLess($0.key, $1.key) }
        }
        let old = try keyed(original)
        let new = try keyed(modified)
        var changes: [JSONValue] = []
        var deletions: [JSONValue] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count && j < new.count && old[i].key == new[j].key {
                var sub = try diffMaps(old[i].item, new[j].item, path: path)
                if !sub.isEmpty {
                    sub[mergeKey] = new[j].value
                    changes.append(.object(sub))
                }
                i += 1
                j += 1
            } else if i >= old.count || (j < new.count && PatchValues.goLess(new[j].key, old[i].key)) {
                if !ignoreChangesAndAdditions { changes.append(.object(new[j].item)) }
                j += 1
            } else {
                if !ignoreDeletions {
                    deletions.append(.object([mergeKey: old[i].value, Directive.marker: .string(Directive.delete)]))
                }
                i += 1
            }
        }
        return (changes, deletions)
    }

    /// Additions and (deduplicated) deletions between two primitive lists, compared as sorted `%v` text.
    private func diffListsOfScalars(
        _ original: [JSONValue],
        _ modified: [JSONValue]
    )
        -> (additions: [JSONValue], deletions: [JSONValue])
    {
        typealias Text = (text: String, value: JSONValue)
        func sortedText(_ list: [JSONValue]) -> [Text] {
            let entries: [Text] = list.map { (PatchValues.goString($0), $0) }
            return PatchValues.stableSorted(entries) { PatchValues.goLess($0.text, $1.text) }
        }
        let old = sortedText(original)
        let new = sortedText(modified)
        var additions: [JSONValue] = []
        var deletions: [JSONValue] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count && j < new.count && old[i].text == new[j].text {
                i += 1
                j += 1
            } else if i >= old.count || (j < new.count && PatchValues.goLess(new[j].text, old[i].text)) {
                if !ignoreChangesAndAdditions { additions.append(new[j].value) }
                j += 1
            } else {
                if !ignoreDeletions { deletions.append(old[i].value) }
                i += 1
            }
        }
        return (additions, StrategicListOrder.deduplicate(deletions))
    }
}
