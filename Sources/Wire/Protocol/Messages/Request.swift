import KubeAPI

/// The API verbs a request can carry.
public enum Verb: String, Codable, Sendable, CaseIterable {
    case create, get, list, update, patch, delete, watch
}

/// One API request: a verb on a kind, with the arguments that verb takes. Unused fields are omitted.
public struct Request: Codable, Sendable, Hashable {
    public var verb: Verb
    /// The object kind, as in manifests: `DaemonSet`, `Pod`, `Node`...
    public var kind: String
    public var namespace: String?
    public var name: String?
    /// `status` to write only an object's status (update and patch).
    public var subresource: String?
    /// The object, for create and update.
    public var object: JSONValue?
    /// The patch document, for patch.
    public var patch: JSONValue?
    public var patchType: PatchType?
    /// Label selector in Kubernetes' string syntax, for list and watch.
    public var labelSelector: String?
    /// Field selector (`spec.nodeName=n1`, `metadata.name=x`), for list and watch.
    public var fieldSelector: String?
    /// For watch: stream changes after this resourceVersion. For list: ignored.
    public var resourceVersion: String?
    /// For watch: also send BOOKMARK events.
    public var allowWatchBookmarks: Bool?
    /// For delete: `Background` (default), `Foreground` or `Orphan`.
    public var propagationPolicy: String?
    /// For delete of pods: the grace period; 0 deletes at once.
    public var gracePeriodSeconds: Int64?
    /// Validate and answer as if written, but change nothing.
    public var dryRun: Bool?
    /// For writes: who makes the change (`metadata.managedFields[].manager`); required for an apply (patch type
    /// `apply`). Absent on other writes: the server names the manager after the client.
    public var fieldManager: String?
    /// For an apply: take the fields other managers own instead of failing with a conflict.
    public var force: Bool?
    /// For create, update and patch: what becomes of fields the kind does not declare, as Kubernetes'
    /// `fieldValidation`: `Strict` (refused, the default), `Warn` (dropped, each named by a `warning` message before
    /// the answer) or `Ignore` (dropped silently).
    public var fieldValidation: String?
    /// How long the server may take, in seconds; past it the request fails with Timeout.
    public var timeoutSeconds: Double?
    /// `Table` to have the answer (get, list, and each watch event's object) as a `meta.k8s.io/v1` Table, as
    /// Kubernetes answers `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. Absent: objects.
    public var `as`: String?
    /// With `as: Table`: what each row's `object` carries: `Metadata` (default), `Object` or `None`.
    public var includeObject: String?

    // MARK: Impersonation (kubectl's `--as` and `--as-group`, Kubernetes' `Impersonate-User`/`Impersonate-Group`)

    /// Run the request as this user, when the caller may `impersonate` it (a ServiceAccount's user name,
    /// `system:serviceaccount:NS:NAME`, also gets the ServiceAccount's groups).
    public var impersonateUser: String?
    /// With ``impersonateUser``: the groups to run the request with, each of which the caller must be allowed to
    /// `impersonate`.
    public var impersonateGroups: [String]?

    // MARK: Stream options (`pods/log`, `pods/exec`), as the query parameters of Kubernetes' URLs

    /// log, exec: the container; empty or absent picks the pod's only container.
    public var container: String?
    /// log: keep streaming as the container writes, until it stops.
    public var follow: Bool?
    /// log: the previous (terminated) run of the container.
    public var previous: Bool?
    /// log: prefix each line with its RFC 3339 timestamp (nanoseconds).
    public var timestamps: Bool?
    /// log: only the last N lines.
    public var tailLines: Int64?
    /// log: only lines written in the last N seconds.
    public var sinceSeconds: Int64?
    /// log: stop after this many bytes.
    public var limitBytes: Int64?
    /// exec: the command and its arguments.
    public var command: [String]?
    /// exec: the client sends standard input (`data` messages on `stdin`, then `close`).
    public var stdin: Bool?
    /// exec: run the command on a pseudo-terminal (its stderr then arrives on stdout).
    public var tty: Bool?

    public init(verb: Verb, kind: String, namespace: String? = nil, name: String? = nil) {
        self.verb = verb
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// Whether this request is answered with a stream (`data` messages, then `response` or `exit`): a `pods/log`,
    /// `pods/exec` or `pods/attach` request.
    public var isStream: Bool {
        subresource == Self.logSubresource || subresource == Self.execSubresource
            || subresource == Self.attachSubresource
    }

    /// The subresource of `kctl logs`: `get` on `pods/log`.
    public static let logSubresource = "log"
    /// The subresource of `kctl exec`: `create` on `pods/exec`.
    public static let execSubresource = "exec"
    /// The subresource of `kubectl attach`: `create` on `pods/attach` (the container's main process's streams).
    public static let attachSubresource = "attach"
}
