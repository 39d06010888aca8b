/// Why a store operation failed. A failed operation changes nothing and publishes no event.
enum StoreError: Error, Equatable, CustomStringConvertible {
    /// No object has this key (Kubernetes `NotFound`).
    case notFound(ObjectKey)
    /// An object with this key already exists (Kubernetes `AlreadyExists`).
    case alreadyExists(ObjectKey)
    /// The caller's resourceVersion precondition does not match the stored one (Kubernetes `Conflict`).
    case conflict(ObjectKey, expected: Int64, actual: Int64)
    /// A watch asked for history that is no longer retained (Kubernetes `Gone`, HTTP 410): the caller must relist.
    ///
    /// `oldest` is the lowest resourceVersion a watch may currently start from.
    case gone(requested: Int64, oldest: Int64)
    /// A watcher fell too far behind and was cut off (see ``WatcherBacklog``): it was last given `delivered`, and
    /// events up to at least `newest` were dropped for it. Kubernetes' `Expired` (HTTP 410): the caller must relist.
    case tooSlow(delivered: Int64, newest: Int64)

    var description: String {
        switch self {
        case .notFound(let key):
            return "\(key) not found"
        case .alreadyExists(let key):
            return "\(key) already exists"
        case .conflict(let key, let expected, let actual):
            return "\(key) has been modified: expected resourceVersion \(expected), stored \(actual)"
        case .gone(let requested, let oldest):
            // Kubernetes' watch cache text: "too old resource version: %d (%d)".
            return "too old resource version: \(requested) (\(oldest))"
        case .tooSlow(let delivered, let newest):
            return "too old resource version: \(delivered) (\(newest))"
        }
    }
}

/// An object the store cannot hold: it is not a JSON object, or its `metadata` is not an object.
///
/// Kept apart from ``StoreError`` (whose cases map one-to-one onto API statuses): validation upstream rejects such
/// objects first, so reaching the store with one is a caller bug.
struct InvalidObjectError: Error, Equatable, CustomStringConvertible {
    /// The object's key.
    var key: ObjectKey
    /// What is wrong with it.
    var reason: String

    var description: String { "\(key) cannot be stored: \(reason)" }
}
