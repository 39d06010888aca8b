import Foundation
import KubeAPI
import Wire

/// What `kctl logs` was asked for, checked as kubectl checks it, and the `pods/log` requests it makes. Pure.
struct LogsPlan: Sendable, Equatable {
    /// `POD`, `pod/NAME` or `TYPE/NAME`.
    var target: String
    /// `-c` (or the deprecated second argument).
    var container: String?
    var follow = false
    var previous = false
    var timestamps = false
    var allContainers = false
    /// `--tail`; -1 for all lines.
    var tail: Int64 = -1
    /// `--since`, rounded to seconds as kubectl does; nil for all.
    var sinceSeconds: Int64?
    /// `--limit-bytes`; 0 for no limit.
    var limitBytes: Int64 = 0

    static let usage = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
        + "POD or TYPE/NAME is a required argument for the logs command\nSee 'kctl logs -h' for help and examples"

    /// Checks the command line.
    ///
    /// - Throws: ``LogsExecError`` with kubectl's message.
    init(
        arguments: [String], container: String?, follow: Bool, previous: Bool, timestamps: Bool, allContainers: Bool,
        tail: Int64, since: String?, limitBytes: Int64
    ) throws {
        guard let first = arguments.first, !first.isEmpty else { throw LogsExecError(Self.usage) }
        guard arguments.count <= 2 else { throw LogsExecError(Self.usage) }
        target = first
        self.container = container.flatMap { $0.isEmpty ? nil : $0 }
        if arguments.count == 2 {
            guard self.container == nil else {
                throw LogsExecError("only one of -c or an inline [CONTAINER] arg is allowed")
            }
            self.container = arguments[1]
        }
        if allContainers, let container = self.container {
            throw LogsExecError("--all-containers=true should not be specified with container name \(container)")
        }
        guard limitBytes >= 0 else { throw LogsExecError("--limit-bytes must be greater than 0") }
        guard tail >= -1 else { throw LogsExecError("--tail must be greater than or equal to -1") }
        if let since, !since.isEmpty {
            guard let duration = DurationText.parse(since) else {
                throw LogsExecError("invalid argument \"\(since)\" for \"--since\" flag: time: invalid duration \"\(since)\"")
            }
            let seconds = Int64(DurationText.seconds(duration).rounded())
            sinceSeconds = DurationText.seconds(duration) > 0 ? seconds : nil
        }
        self.follow = follow
        self.previous = previous
        self.timestamps = timestamps
        self.allContainers = allContainers
        self.tail = tail
        self.limitBytes = limitBytes
    }

    /// The `pods/log` request for `container` of pod `pod`.
    func request(namespace: String, pod: String, container: String?) -> Request {
        var request = Request(verb: .get, kind: ResourceKind.pod.kind, namespace: namespace, name: pod)
        request.subresource = Request.logSubresource
        request.container = container
        if follow { request.follow = true }
        if previous { request.previous = true }
        if timestamps { request.timestamps = true }
        if tail != -1 { request.tailLines = tail }
        if let sinceSeconds { request.sinceSeconds = sinceSeconds }
        if limitBytes != 0 { request.limitBytes = limitBytes }
        return request
    }
}
