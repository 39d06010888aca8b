import KubeAPI

extension TypedWatchEvent {
    /// The typed form of a watch event as it crossed the wire: its object decoded as `R` (a bookmark keeps only
    /// `metadata.resourceVersion`).
    ///
    /// - Throws: the decoding error when the object is not an `R`.
    init(decoding event: WatchEvent) throws {
        switch event.type {
        case .added: self = .added(try event.object.decode(as: R.self))
        case .modified: self = .modified(try event.object.decode(as: R.self))
        case .deleted: self = .deleted(try event.object.decode(as: R.self))
        case .bookmark:
            self = .bookmark(resourceVersion: event.object[path: ["metadata", "resourceVersion"]]?.stringValue ?? "")
        }
    }
}
