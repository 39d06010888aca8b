import KubeAPI
import Wire

/// The probe objects of one chaos run: small ControllerRevisions (durable, unlike Leases, and touched by no
/// controller) created at a steady rate in a namespace of the run's own, labelled with the run. Every create the
/// server acknowledges must be found again later, above all after control-plane restarts. Pure.
struct ChaosProbes: Sendable, Equatable {
    /// The label every probe object (and the namespace) carries, with the run's id as value.
    static let runLabel = "kcluster.io/chaos-run"

    /// The run's id (a few hex digits; not part of the schedule, so replays do not collide).
    let runID: String

    /// `chaos-<run id>`.
    var namespace: String { "chaos-\(runID)" }

    /// The label selector matching the run's probe objects.
    var selector: String { "\(Self.runLabel)=\(runID)" }

    /// The name of probe `number`: `probe-00017`.
    func name(_ number: Int) -> String {
        "probe-" + String(repeating: "0", count: max(0, 5 - String(number).count)) + String(number)
    }

    /// `namespace/name` of probe `number`.
    func key(_ number: Int) -> String { NamespacedKey.make(namespace: namespace, name: name(number)) }

    /// The run's namespace.
    func namespaceObject() throws -> JSONValue {
        try JSONValue(
            encoding: Namespace(metadata: ObjectMeta(name: namespace, labels: [Self.runLabel: runID])))
    }

    /// Probe `number`: a ControllerRevision whose revision is its number.
    func object(_ number: Int) throws -> JSONValue {
        let metadata = ObjectMeta(name: name(number), namespace: namespace, labels: [Self.runLabel: runID])
        let revision = ControllerRevision(
            metadata: metadata, data: ["probe": .int(Int64(number))], revision: Int64(number))
        return try JSONValue(encoding: revision)
    }

    /// `namespace/name` of every object in a list answer.
    static func keys(_ list: JSONValue?) -> Set<String> {
        Set(
            (list?["items"]?.arrayValue ?? []).compactMap { item in
                item[path: ["metadata", "name"]]?.stringValue == nil ? nil : NamespacedKey.of(item)
            })
    }
}
