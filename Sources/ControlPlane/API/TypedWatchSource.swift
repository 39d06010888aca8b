import KubeAPI
import Synchronization
import Wire

/// One typed watch: pulls store events from a ``WatchStream`` as its consumer asks for them, applies the watch's
/// selectors (``ObjectFilter``) and decodes each delivered object once. Ends with Kubernetes' Gone when the hub cut
/// the watcher off for falling behind.
final class TypedWatchSource<R: APIResource>: Sendable {
    private let events: WatchStream
    private let filter: ObjectFilter
    private let kind: ResourceKind
    private let server: APIServer
    /// Keys the watch currently shows (for selector transitions); touched only by the one consumer.
    private let visible = Mutex<Set<String>>([])

    init(events: WatchStream, filter: ObjectFilter, kind: ResourceKind, server: APIServer) {
        self.events = events
        self.filter = filter
        self.kind = kind
        self.server = server
    }

    /// The next change, nil when the watch ended (the consumer's task was cancelled), or Gone when it was cut off.
    func next() async throws -> TypedWatchEvent<R>? {
        while let event = await events.next() {
            guard let translated = visible.withLock({ filter.translate(event, visible: &$0) }) else { continue }
            let object = try APIServer.decodeStored(translated.object, as: R.self)
            switch translated.type {
            case .added: return .added(object)
            case .modified: return .modified(object)
            case .deleted: return .deleted(object)
            case .bookmark: return .bookmark(resourceVersion: object.metadata.resourceVersion ?? "")
            }
        }
        if let cutOff = events.cutOff { throw server.map(cutOff, kind: kind, name: "") }
        return nil
    }
}
