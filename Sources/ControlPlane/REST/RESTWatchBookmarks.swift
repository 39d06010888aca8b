import KubeAPI
import Wire

/// BOOKMARK events for a watch that asks for them (`allowWatchBookmarks=true`, as client-go's informers do): every
/// `interval`, an event whose object is only the kind and `metadata.resourceVersion`, the newest resourceVersion the
/// watch has delivered, so that a client that reconnects resumes from there instead of an old one (which may be
/// Gone). Kubernetes sends one about every minute.
///
/// Writes are serialised: a bookmark is written only after the events before it, and names none it has not written,
/// so resuming from it misses nothing. A bookmark is only sent for a watch from a resourceVersion (events then come
/// in resourceVersion order): a watch without one starts with its list's objects in key order, and no
/// resourceVersion is safe to resume from until they are all delivered. Tables are not bookmarked.
actor RESTWatchBookmarks {
    private let write: @Sendable ([UInt8]) async -> Void
    private let kind: String
    private let apiVersion: String
    private let interval: Duration
    /// The newest resourceVersion delivered (at first, the one the watch starts after).
    private var delivered: Int64
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Bookmarks for `request` written through `write`; nil when the request does not ask for them or cannot have
    /// them.
    init?(request: Request, interval: Duration, write: @escaping @Sendable ([UInt8]) async -> Void) {
        guard request.allowWatchBookmarks == true, request.as == nil,
            let text = request.resourceVersion, let start = Int64(text), start > 0,
            let kind = ResourceKind.forKind(request.kind)
        else { return nil }
        self.write = write
        self.kind = kind.kind
        self.apiVersion = kind.apiVersion
        self.interval = interval
        self.delivered = start
    }

    /// Runs `body` (the watch) with bookmarks written every interval meanwhile; without bookmarks, just `body`.
    static func ticking(_ bookmarks: RESTWatchBookmarks?, _ body: @escaping @Sendable () async -> Void) async {
        guard let bookmarks else { return await body() }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await body() }
            group.addTask {
                while !Task.isCancelled {
                    do { try await Task.sleep(for: bookmarks.interval) } catch { return }
                    await bookmarks.bookmark()
                }
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// Writes one event.
    func send(_ event: WatchEvent) async {
        await acquire()
        if let version = event.object[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap({ Int64($0) }) {
            delivered = max(delivered, version)
        }
        await write(RESTReply.eventLine(type: event.type.rawValue, object: event.object))
        release()
    }

    /// Writes a bookmark at the newest resourceVersion delivered.
    func bookmark() async {
        await acquire()
        let object: JSONValue = [
            "kind": .string(kind), "apiVersion": .string(apiVersion),
            "metadata": ["resourceVersion": .string(String(delivered))],
        ]
        await write(RESTReply.eventLine(type: WatchEventType.bookmark.rawValue, object: object))
        release()
    }

    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
