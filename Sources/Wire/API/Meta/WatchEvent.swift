/// The type of a watch event.
public enum WatchEventType: String, Codable, Sendable {
    case added = "ADDED"
    case modified = "MODIFIED"
    case deleted = "DELETED"
    /// Carries only `metadata.resourceVersion`: the stream is current up to there.
    case bookmark = "BOOKMARK"
}

/// One change seen by a watch: `{"type":"ADDED","object":{...}}`.
public struct WatchEvent: Codable, Sendable, Hashable {
    public var type: WatchEventType
    public var object: JSONValue

    public init(type: WatchEventType, object: JSONValue) {
        self.type = type
        self.object = object
    }
}
