import Foundation
import KubeAPI
import Logging
import Synchronization
import Wire

/// A typed list+watch cache of one kind, shared by every controller (one per kind, see ``SharedInformers``), with
/// indexes: objects by namespace, by owner uid, and whatever `indexers` add (pods by node).
///
/// ``run(client:logger:)`` lists through a ``ClusterClient``, then watches from the list's resourceVersion; each
/// changed object is decoded once, by the watch, and stored typed. A watch that ends with 410 Gone (too old a
/// resourceVersion, or cut off as too slow) is followed by a relist that replaces the cache (missed deletions become
/// deletion events), then the resync handlers run, then the watch starts again.
///
/// ## Read-your-writes
/// ``record(_:)`` puts an object a controller just wrote (the write's answer) into the cache, when it is newer than
/// what the cache holds; ``recordDeleted(namespace:name:)`` drops one it just deleted. A controller therefore reads
/// its own writes on its next sync without expectations. The watch event for that write arrives later and carries
/// the same resourceVersion: it does not change the cache again but is still delivered to the handlers (so a
/// controller is woken by its own writes as by anyone's). The cache never goes back to an older resourceVersion.
final class Informer<R: APIResource>: Sendable {
    /// Derives index values from an object.
    typealias Indexer = @Sendable (R) -> [String]
    typealias Handler = @Sendable (InformerEvent) async -> Void

    static var namespaceIndex: String { "namespace" }
    static var ownerIndex: String { "owner" }

    private struct State {
        var objects: [String: R] = [:]
        /// index name → value → keys.
        var indexes: [String: [String: Set<String>]] = [:]
        var synced = false
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var handlers: [Handler] = []
        var resyncHandlers: [@Sendable () async -> Void] = []
    }

    private let state = Mutex(State())
    private let indexers: [String: Indexer]

    /// An informer with the namespace and owner-uid indexes plus `indexers`.
    init(indexers: [String: Indexer] = [:]) {
        var all = indexers
        all[Self.namespaceIndex] = { [$0.namespace] }
        all[Self.ownerIndex] = { ($0.metadata.ownerReferences ?? []).map(\.uid) }
        self.indexers = all
    }

    // MARK: - Reading (the lister)

    /// The cached object `namespace/name` (namespace "" for cluster-scoped kinds).
    func get(namespace: String?, name: String) -> R? {
        state.withLock { $0.objects[NamespacedKey.make(namespace: namespace ?? "", name: name)] }
    }

    /// The cached objects in `namespace` (every one when nil), sorted by namespace and name.
    func list(namespace: String? = nil) -> [R] {
        guard let namespace else {
            return state.withLock { $0.objects.sorted { $0.key < $1.key }.map(\.value) }
        }
        return byIndex(Self.namespaceIndex, namespace)
    }

    /// The cached objects whose `index` values include `value`, sorted by namespace and name.
    func byIndex(_ index: String, _ value: String) -> [R] {
        state.withLock { state in
            (state.indexes[index]?[value] ?? []).sorted().compactMap { state.objects[$0] }
        }
    }

    /// The objects owned by `uid` (any ownerReference).
    func owned(by uid: String) -> [R] { byIndex(Self.ownerIndex, uid) }

    /// How many objects are cached.
    var count: Int { state.withLock { $0.objects.count } }

    /// Whether the first list has been applied.
    var hasSynced: Bool { state.withLock { $0.synced } }

    /// Returns once the first list has been applied, or when the calling task is cancelled.
    func waitUntilSynced() async {
        let id = UInt64.random(in: 0...UInt64.max)
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state in
                    if state.synced || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    // MARK: - Handlers

    /// Calls `handler` with every change, in order, from the task running the informer.
    func addHandler(_ handler: @escaping Handler) {
        state.withLock { $0.handlers.append(handler) }
    }

    /// Calls `handler` after every relist that followed a lost watch (the cache may have skipped changes).
    func addResyncHandler(_ handler: @escaping @Sendable () async -> Void) {
        state.withLock { $0.resyncHandlers.append(handler) }
    }

    // MARK: - Changing the cache

    /// Read-your-writes: caches an object this process just wrote, unless the cache already holds a newer one.
    func record(_ object: R) {
        _ = state.withLock { state in store(object, in: &state) }
    }

    /// Read-your-writes: drops an object this process just deleted.
    func recordDeleted(namespace: String?, name: String) {
        state.withLock { state in remove(NamespacedKey.make(namespace: namespace ?? "", name: name), in: &state) }
    }

    /// Applies one watch event; returns the event for the handlers (nil for bookmarks).
    @discardableResult
    func apply(_ event: TypedWatchEvent<R>) -> InformerEvent? {
        switch event {
        case .added(let object), .modified(let object):
            let existed = state.withLock { state in
                let existed = state.objects[Self.key(of: object)] != nil
                _ = store(object, in: &state)
                return existed
            }
            return InformerEvent(change: existed ? .modified : .added, kind: R.resourceKind, object: object)
        case .deleted(let object):
            state.withLock { state in
                let key = Self.key(of: object)
                guard let cached = state.objects[key],
                    Self.version(cached) <= Self.version(object) || Self.version(object) == 0
                else { return }
                remove(key, in: &state)
            }
            return InformerEvent(change: .deleted, kind: R.resourceKind, object: object)
        case .bookmark:
            return nil
        }
    }

    /// Replaces the cache with a fresh list; returns the changes against what was cached (deletions for objects
    /// that are gone, additions and modifications for the rest that changed), and marks the informer synced.
    @discardableResult
    func replace(_ items: [R]) -> [InformerEvent] {
        let (events, waiters) = state.withLock { state -> ([InformerEvent], [CheckedContinuation<Void, Never>]) in
            var events: [InformerEvent] = []
            var fresh: Set<String> = []
            for object in items {
                let key = Self.key(of: object)
                fresh.insert(key)
                let cached = state.objects[key]
                if let cached, Self.version(cached) == Self.version(object) { continue }
                state.objects[key] = nil
                if let cached { unindex(key, cached, in: &state) }
                _ = store(object, in: &state)
                events.append(InformerEvent(change: cached == nil ? .added : .modified, kind: R.resourceKind, object: object))
            }
            for (key, object) in state.objects where !fresh.contains(key) {
                remove(key, in: &state)
                events.append(InformerEvent(change: .deleted, kind: R.resourceKind, object: object))
            }
            state.synced = true
            defer { state.waiters = [:] }
            return (events, Array(state.waiters.values))
        }
        for waiter in waiters { waiter.resume() }
        return events
    }

    // MARK: - Running

    /// Lists and watches `R` through `client` until the task is cancelled, delivering each change to the handlers.
    func run(client: any ClusterClient, logger: Logger) async {
        var resourceVersion: String?
        var relisting = false
        while !Task.isCancelled {
            do {
                if resourceVersion == nil {
                    let list = try await client.list(R.self, namespace: nil, options: ListOptions())
                    let events = replace(list.items)
                    resourceVersion = list.resourceVersion
                    await deliver(events)
                    if relisting { for handler in state.withLock({ $0.resyncHandlers }) { await handler() } }
                }
                let stream = try await client.watch(
                    R.self, namespace: nil, options: ListOptions(resourceVersion: resourceVersion))
                for try await event in stream {
                    if let version = Self.resourceVersion(of: event) { resourceVersion = version }
                    if let applied = apply(event) { await deliver([applied]) }
                }
                // The stream ended without an error: cancelled, or the server ended it; watch again from here.
            } catch let status as Status where status.code == 410 {
                logger.warning(
                    "watch lost; relisting",
                    metadata: ["kind": "\(R.resourceKind.kind)", "reason": "\(status.message ?? "")"])
                resourceVersion = nil
                relisting = true
            } catch {
                if Task.isCancelled { return }
                logger.error("list/watch failed; retrying", metadata: ["kind": "\(R.resourceKind.kind)", "error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    private func deliver(_ events: [InformerEvent]) async {
        guard !events.isEmpty else { return }
        let handlers = state.withLock { $0.handlers }
        for event in events {
            for handler in handlers { await handler(event) }
        }
    }

    // MARK: - The cache under the lock

    /// Stores `object` unless the cached one is newer; returns whether it was stored.
    private func store(_ object: R, in state: inout State) -> Bool {
        let key = Self.key(of: object)
        if let cached = state.objects[key] {
            guard Self.version(cached) < Self.version(object) else { return false }
            unindex(key, cached, in: &state)
        }
        state.objects[key] = object
        for (index, values) in indexers {
            for value in values(object) { state.indexes[index, default: [:]][value, default: []].insert(key) }
        }
        return true
    }

    private func remove(_ key: String, in state: inout State) {
        guard let cached = state.objects.removeValue(forKey: key) else { return }
        unindex(key, cached, in: &state)
    }

    private func unindex(_ key: String, _ object: R, in state: inout State) {
        for (index, values) in indexers {
            for value in values(object) {
                state.indexes[index]?[value]?.remove(key)
                if state.indexes[index]?[value]?.isEmpty == true { state.indexes[index]?[value] = nil }
            }
        }
    }

    static func key(of object: R) -> String { NamespacedKey.make(namespace: object.namespace, name: object.name) }

    private static func version(_ object: R) -> Int64 { Int64(object.metadata.resourceVersion ?? "") ?? 0 }

    private static func resourceVersion(of event: TypedWatchEvent<R>) -> String? {
        switch event {
        case .added(let object), .modified(let object), .deleted(let object): return object.metadata.resourceVersion
        case .bookmark(let version): return version
        }
    }
}
