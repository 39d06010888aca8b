import Foundation

/// Who owns which fields of an object (`metadata.managedFields`), kept as Kubernetes keeps it on every write, and
/// server-side apply on top of it. Pure: the time is a parameter.
///
/// - A write that is not an apply (create, update, patch: an `Update` operation) gives its manager the fields it set
///   to a new value, taking them from whoever owned them; fields it removed are nobody's any more.
/// - An apply (``apply(_:to:writer:force:)``) merges the configuration into the live object, fails with
///   ``ApplyConflicts`` when it would change a field another manager owns (unless forced, which takes it), makes
///   its manager the owner of exactly the fields the configuration names, and removes the fields the manager
///   applied before, no longer applies, and nobody else owns.
public enum FieldOwnership {
    /// The manager who writes, and how.
    public struct Writer: Sendable, Hashable {
        public var manager: String
        /// `status` for a write to that subresource; nil for the object.
        public var subresource: String?
        /// The object's kind (`Deployment`): the shape of its lists.
        public var kind: String
        /// The API version written (`apps/v1`).
        public var apiVersion: String
        public var now: Date {
            didSet { time = ManagedFieldsEntry.timeText(now) }
        }
        /// `now` as an entry's time (formatted once).
        private(set) var time: String

        public init(manager: String, subresource: String? = nil, kind: String, apiVersion: String, now: Date) {
            self.manager = manager
            self.subresource = subresource
            self.kind = kind
            self.apiVersion = apiVersion
            self.now = now
            self.time = ManagedFieldsEntry.timeText(now)
        }
    }

    /// The manager of the fields of an object that had no managedFields when it was first applied to.
    public static let beforeFirstApply = "before-first-apply"

    // MARK: - Update

    /// `object` created by `writer`, with its managedFields: what ``recordUpdate(old:new:writer:)`` records for a
    /// create (`old` nil), in one pass that writes the entry straight in `FieldsV1` form (creates are the commonest
    /// write). An object that carries entries of its own takes the general path.
    public static func recordCreate(_ object: JSONValue, writer: Writer) -> JSONValue {
        guard object[path: ["metadata", "managedFields"]] == nil else {
            return recordUpdate(old: nil, new: object, writer: writer)
        }
        let fieldsV1 = FieldSets.fieldsV1(
            ofObject: ApplySchema.trackedPart(of: object, subresource: writer.subresource), kind: writer.kind,
            style: .created)
        guard fieldsV1.objectValue?.isEmpty == false else { return object }
        return setting([ManagedFieldsEntry.json(
            manager: writer.manager, operation: .update, apiVersion: writer.apiVersion, time: writer.time,
            fieldsV1: fieldsV1, subresource: writer.subresource)], in: object)
    }

    /// `new` (what an `Update` by `writer` makes of `old`; nil `old` for a create) with its managedFields brought up
    /// to date.
    ///
    /// The entries are the ones `new` carries when it sets them (a client may rewrite managedFields; `[]` clears
    /// them), else `old`'s. When the write changed no field, they are `old`'s exactly, so a no-op stays one.
    public static func recordUpdate(old: JSONValue?, new: JSONValue, writer: Writer) -> JSONValue {
        let newEntries = new[path: ["metadata", "managedFields"]]
        if newEntries?.arrayValue?.isEmpty == true { return setting(nil, in: new) }
        let oldEntries = old?[path: ["metadata", "managedFields"]]
        let (changed, removed) = FieldSets.changes(
            from: old.map { ApplySchema.trackedPart(of: $0, subresource: writer.subresource) },
            to: ApplySchema.trackedPart(of: new, subresource: writer.subresource), kind: writer.kind)
        let clientSet = writer.subresource == nil && newEntries != nil && newEntries != oldEntries
        var entries = (clientSet ? decode(newEntries) : nil) ?? decode(oldEntries) ?? []
        if changed.isEmpty && removed.isEmpty {
            return clientSet ? setting(encode(entries), in: new) : setting(oldEntries, in: new)
        }
        let mine = ManagedFieldsEntry.Identity(
            manager: writer.manager, operation: .update, apiVersion: writer.apiVersion, subresource: writer.subresource)
        if !clientSet, let stored = oldEntries?.arrayValue,
            let updated = updatingInPlace(stored, changed: changed, removed: removed, mine: mine, writer: writer)
        {
            return setting(updated, in: new)
        }
        for index in entries.indices where entries[index].identity != mine {
            entries[index].fields = entries[index].fields.subtracting(changed).subtracting(removed)
        }
        if let index = entries.firstIndex(where: { $0.identity == mine }) {
            entries[index].fields = entries[index].fields.union(changed).subtracting(removed)
            if !changed.isEmpty { entries[index].time = writer.time }
        } else if !changed.isEmpty {
            entries.append(ManagedFieldsEntry(
                manager: writer.manager, operation: .update, apiVersion: writer.apiVersion,
                time: writer.time, fields: changed, subresource: writer.subresource))
        }
        return setting(encode(entries), in: new)
    }

    /// An update's bookkeeping on the entries as stored: an entry the change does not touch stays as it is, and the
    /// writer's own entry only gets its time when it already owns what changed; only the entries that lose or gain
    /// fields are decoded (most writes are a controller or kubelet changing its own status fields). The new
    /// `managedFields` (`.some(nil)` when no entry is left), or nil when an entry is malformed.
    private static func updatingInPlace(
        _ stored: [JSONValue], changed: FieldSet, removed: FieldSet, mine: ManagedFieldsEntry.Identity, writer: Writer
    ) -> JSONValue?? {
        let touched = changed.union(removed)
        let time = writer.time
        var result: [(key: EntryOrder, json: JSONValue)] = []
        var foundMine = false
        for item in stored {
            guard let order = EntryOrder(item), let fieldsV1 = item["fieldsV1"] else { return nil }
            if order.identity == mine {
                foundMine = true
                if changed.isSubset(ofFieldsV1: fieldsV1) && !removed.intersects(fieldsV1: fieldsV1) {
                    var entry = item
                    if !changed.isEmpty { entry["time"] = .string(time) }
                    result.append((EntryOrder(entry) ?? order, entry))
                    continue
                }
                guard var entry = try? ManagedFieldsEntry(json: item) else { return nil }
                entry.fields = entry.fields.union(changed).subtracting(removed)
                if !changed.isEmpty { entry.time = time }
                if !entry.fields.isEmpty { result.append((EntryOrder(entry.json) ?? order, entry.json)) }
            } else if touched.intersects(fieldsV1: fieldsV1) {
                guard var entry = try? ManagedFieldsEntry(json: item) else { return nil }
                entry.fields = entry.fields.subtracting(touched)
                if !entry.fields.isEmpty { result.append((order, entry.json)) }
            } else {
                result.append((order, item))
            }
        }
        if !foundMine && !changed.isEmpty {
            let entry = ManagedFieldsEntry(
                manager: writer.manager, operation: .update, apiVersion: writer.apiVersion, time: time, fields: changed,
                subresource: writer.subresource)
            if let order = EntryOrder(entry.json) { result.append((order, entry.json)) }
        }
        if result.isEmpty { return .some(nil) }
        return .array(result.sorted { $0.key.precedes($1.key) }.map(\.json))
    }

    /// What orders and identifies a stored entry, read without its fields.
    private struct EntryOrder {
        var identity: ManagedFieldsEntry.Identity
        var time: String
        var apiVersion: String

        init?(_ json: JSONValue) {
            guard let manager = json["manager"]?.stringValue,
                let operation = json["operation"]?.stringValue.flatMap(ManagedFieldsEntry.Operation.init(rawValue:))
            else { return nil }
            apiVersion = json["apiVersion"]?.stringValue ?? ""
            time = json["time"]?.stringValue ?? ""
            let subresource = json["subresource"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            identity = ManagedFieldsEntry.Identity(
                manager: manager, operation: operation, apiVersion: operation == .update ? apiVersion : nil,
                subresource: subresource)
        }

        /// ``ManagedFieldsEntry/precedes(_:_:)`` on the stored form.
        func precedes(_ other: EntryOrder) -> Bool {
            if identity.operation != other.identity.operation { return identity.operation == .apply }
            if time != other.time { return time < other.time }
            if identity.manager != other.identity.manager { return identity.manager < other.identity.manager }
            if apiVersion != other.apiVersion { return apiVersion < other.apiVersion }
            return (identity.subresource ?? "") < (other.identity.subresource ?? "")
        }
    }

    // MARK: - Apply

    /// `config` applied by `writer` to `live` (nil: the object does not exist yet, and is created from the
    /// configuration): the merged object with its managedFields. Server-owned metadata (name, uid,
    /// resourceVersion...) and, for the object itself, `status` in the configuration are ignored.
    ///
    /// - Throws: ``ApplyConflicts`` when, unforced, the apply would change fields other managers own.
    public static func apply(_ config: JSONValue, to live: JSONValue?, writer: Writer, force: Bool) throws(ApplyConflicts)
        -> JSONValue
    {
        let tracked = ApplySchema.trackedPart(of: config, subresource: writer.subresource)
        let applied = FieldSets.fields(ofObject: tracked, kind: writer.kind, style: .applied)
        let identity = ManagedFieldsEntry.Identity(
            manager: writer.manager, operation: .apply, apiVersion: nil, subresource: writer.subresource)
        let entry = ManagedFieldsEntry(
            manager: writer.manager, operation: .apply, apiVersion: writer.apiVersion,
            time: writer.time, fields: applied, subresource: writer.subresource)
        guard let live else {
            var created = ApplyMerge.merge(nil, config, at: [], kind: writer.kind)
            if writer.subresource == nil { created["status"] = nil }
            return setting(applied.isEmpty ? nil : encode([entry]), in: created)
        }

        let liveEntries = live[path: ["metadata", "managedFields"]]
        var entries = decode(liveEntries) ?? []
        let liveTracked = ApplySchema.trackedPart(of: live, subresource: writer.subresource)
        if entries.isEmpty {
            // An object nobody owned yet (written before ownership was kept): what it holds belongs to someone.
            let owned = FieldSets.fields(ofObject: liveTracked, kind: writer.kind, style: .created)
            if !owned.isEmpty {
                entries.append(ManagedFieldsEntry(
                    manager: beforeFirstApply, operation: .update, apiVersion: writer.apiVersion,
                    time: writer.time, fields: owned))
            }
        }
        var merged = ApplyMerge.merge(live, tracked, at: [], kind: writer.kind)
        let changed = FieldSets.changes(
            from: liveTracked, to: ApplySchema.trackedPart(of: merged, subresource: writer.subresource),
            kind: writer.kind
        ).changed.intersection(applied)

        var conflicts: [ApplyConflicts.Conflict] = []
        for index in entries.indices where entries[index].identity != identity {
            let taken = entries[index].fields.intersection(changed)
            guard !taken.isEmpty else { continue }
            if force {
                entries[index].fields = entries[index].fields.subtracting(taken)
            } else {
                let owner = entries[index]
                let key = "\(owner.manager)\u{0}\(owner.operation.rawValue)\u{0}\(owner.identity.apiVersion ?? "")"
                conflicts += taken.paths.map { .init(manager: owner.conflictName, managerKey: key, path: $0) }
            }
        }
        if !conflicts.isEmpty { throw ApplyConflicts(conflicts) }

        let previous = entries.first { $0.identity == identity }?.fields ?? FieldSet()
        entries.removeAll { $0.identity == identity }
        entries.append(entry)
        let owned = entries.reduce(FieldSet()) { $0.union($1.fields) }
        var released = FieldSet()
        for path in previous.subtracting(applied).paths where !owned.hasMember(atOrUnder: path) {
            released.insert(path)
        }
        if !released.isEmpty {
            merged = ApplyMerge.removing(released, fromObject: merged, kind: writer.kind)
        }
        // A field the manager stopped applying that someone else still owns stays, and is theirs alone.
        var result = setting(encode(entries), in: merged)
        if unchangedButTimes(live, result) { result = setting(liveEntries, in: result) }
        return result
    }

    // MARK: - Helpers

    /// Whether `after` is `before` with at most the times of its managedFields entries changed.
    private static func unchangedButTimes(_ before: JSONValue, _ after: JSONValue) -> Bool {
        func withoutTimes(_ object: JSONValue) -> JSONValue {
            var object = object
            if let entries = object[path: ["metadata", "managedFields"]]?.arrayValue {
                object[path: ["metadata", "managedFields"]] = .array(entries.map { entry in
                    var entry = entry
                    entry["time"] = nil
                    return entry
                })
            }
            return object
        }
        return withoutTimes(before) == withoutTimes(after)
    }

    /// Entries in their JSON form (nil when absent or malformed).
    static func decode(_ value: JSONValue?) -> [ManagedFieldsEntry]? {
        guard let items = value?.arrayValue else { return nil }
        var entries: [ManagedFieldsEntry] = []
        for item in items {
            guard let entry = try? ManagedFieldsEntry(json: item) else { return nil }
            entries.append(entry)
        }
        return entries
    }

    /// Entries as `metadata.managedFields`, without empty ones, in Kubernetes' order; nil for none.
    static func encode(_ entries: [ManagedFieldsEntry]) -> JSONValue? {
        let kept = entries.filter { !$0.fields.isEmpty }.sorted(by: ManagedFieldsEntry.precedes)
        return kept.isEmpty ? nil : .array(kept.map(\.json))
    }

    /// `object` with `metadata.managedFields` set to `entries` (removed for nil).
    static func setting(_ entries: JSONValue?, in object: JSONValue) -> JSONValue {
        var object = object
        if entries == nil, object[path: ["metadata", "managedFields"]] == nil { return object }
        object[path: ["metadata", "managedFields"]] = entries
        return object
    }

    /// The managedFields entries of `object`, decoded (empty when it has none or they are malformed).
    public static func entries(of object: JSONValue) -> [ManagedFieldsEntry] {
        decode(object[path: ["metadata", "managedFields"]]) ?? []
    }
}
