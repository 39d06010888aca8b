import Foundation

/// A probe the runtime must run against a container's live run; its result goes back to
/// ``PodLifecycle/probed(_:success:output:now:)``.
struct ProbeRequest: Sendable, Hashable {
    var pod: PodIdentity
    var container: String
    var runID: String
    var kind: ProbeKind
    var action: ProbeSpec.Action
    var timeout: TimeInterval
    /// The pod's address (what `httpGet` and `tcpSocket` probes without a `host` reach).
    var podIP: String
}
