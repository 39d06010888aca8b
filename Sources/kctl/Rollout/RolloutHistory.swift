import Foundation
import KubeAPI
import Wire

/// `kubectl rollout history`: the revisions of a DaemonSet or StatefulSet (its ControllerRevisions) or a Deployment
/// (its ReplicaSets' `deployment.kubernetes.io/revision`), and their text (kubectl's `polymorphichelpers/history.go`
/// and `rollout_history.go`). Pure.
enum RolloutHistory {
    /// The annotation `kubectl rollout history` shows as CHANGE-CAUSE.
    static let changeCauseAnnotation = "kubernetes.io/change-cause"
    /// The revision annotation the Deployment controller sets on its ReplicaSets.
    static let revisionAnnotation = "deployment.kubernetes.io/revision"

    /// One revision: its number, its change cause, the pod template it restores, and the object `-o` prints for
    /// it (a DaemonSet's or StatefulSet's revision applied to it, or a Deployment's ReplicaSet).
    struct Entry: Sendable, Equatable {
        var revision: Int64
        var changeCause: String?
        var template: JSONValue
        var object: JSONValue = .null
    }

    /// Checks that `kind` has a history viewer, as `HistoryViewerFor` does.
    static func check(_ kind: ResourceKind) throws(RolloutError) {
        guard kind == .deployment || kind == .daemonSet || kind == .statefulSet else {
            throw RolloutError("no history viewer has been implemented for \(GoQuote.quote(kind.qualifiedKind))")
        }
    }

    // MARK: - DaemonSets and StatefulSets

    /// The ControllerRevisions of `owner` (a DaemonSet or StatefulSet, as the server returned it) among `revisions`:
    /// those its selector matches and it controls (kubectl's `controlledHistoryV1`).
    static func ownedRevisions(of owner: JSONValue, among revisions: [ControllerRevision]) -> [ControllerRevision] {
        let labelSelector = (try? owner[path: ["spec", "selector"]]?.decode(as: LabelSelector.self)) ?? LabelSelector()
        let selector = (try? labelSelector.selector()) ?? .nothing
        let uid = JSONFields(owner).string("metadata", "uid") ?? ""
        return revisions.filter { $0.metadata.controllerRef?.uid == uid && selector.matches($0.labels) }
    }

    /// The history of a DaemonSet or StatefulSet: each owned revision applied to the object
    /// (`applyDaemonSetHistory`, `applyStatefulSetHistory`); for a number held twice the later revision wins, as
    /// kubectl's map does.
    static func revisionEntries(_ owner: JSONValue, kind: ResourceKind, revisions: [JSONValue]) -> [Entry] {
        guard owner.objectValue != nil else { return [] }
        let typed = revisions.compactMap { try? $0.decode(as: ControllerRevision.self) }
        var entries: [Int64: Entry] = [:]
        for revision in ownedRevisions(of: owner, among: typed) {
            let restored = revision.data.flatMap { try? StrategicMergePatch.apply($0, to: owner, kind: kind.kind) }
            entries[revision.revision] = Entry(
                revision: revision.revision, changeCause: revision.metadata.annotations?[changeCauseAnnotation],
                template: restored?[path: ["spec", "template"]] ?? .object([:]),
                object: withTypeMeta(restored ?? owner, kind))
        }
        return entries.values.sorted { $0.revision < $1.revision }
    }

    // MARK: - Deployments

    /// The ReplicaSets `deployment` controls among `replicaSets` (`deploymentutil.GetAllReplicaSets`).
    static func ownedReplicaSets(of deployment: Deployment, among replicaSets: [ReplicaSet]) -> [ReplicaSet] {
        let selector = (try? (deployment.spec.selector ?? LabelSelector()).selector()) ?? .nothing
        let uid = deployment.metadata.uid ?? ""
        return replicaSets.filter { $0.metadata.controllerRef?.uid == uid && selector.matches($0.labels) }
    }

    /// The revision of a ReplicaSet, nil when it has none or it is not a number (`deploymentutil.Revision`).
    static func revision(of rs: ReplicaSet) -> Int64? {
        guard let text = rs.metadata.annotations?[revisionAnnotation] else { return 0 }
        return Int64(text)
    }

    /// A Deployment's history: each owned ReplicaSet's template under its revision, with the ReplicaSet's change
    /// cause copied into the template's annotations, as kubectl shows it.
    static func deploymentEntries(_ deployment: JSONValue, replicaSets: [JSONValue]) -> [Entry] {
        guard let d = try? deployment.decode(as: Deployment.self) else { return [] }
        let typed = replicaSets.compactMap { try? $0.decode(as: ReplicaSet.self) }
        let owned = Set(ownedReplicaSets(of: d, among: typed).compactMap(\.metadata.uid))
        var entries: [Int64: Entry] = [:]
        for json in replicaSets {
            guard let rs = try? json.decode(as: ReplicaSet.self), let uid = rs.metadata.uid, owned.contains(uid),
                  let number = revision(of: rs)
            else { continue }
            var template = json[path: ["spec", "template"]] ?? .object([:])
            let cause = rs.metadata.annotations?[changeCauseAnnotation]
            if let cause, !cause.isEmpty {
                template[path: ["metadata", "annotations", changeCauseAnnotation]] = .string(cause)
            }
            entries[number] = Entry(
                revision: number, changeCause: cause, template: template, object: withTypeMeta(json, .replicaSet))
        }
        return entries.values.sorted { $0.revision < $1.revision }
    }

    /// `object` with the kind and apiVersion a typed object of `kind` prints with.
    private static func withTypeMeta(_ object: JSONValue, _ kind: ResourceKind) -> JSONValue {
        var object = object
        object["kind"] = .string(kind.kind)
        object["apiVersion"] = .string(kind.apiVersion)
        return object
    }

    // MARK: - Text

    /// What `kubectl rollout history KIND/NAME [--revision=N]` prints: the name line (`daemonset.apps/x ` or
    /// `daemonset.apps/x with revision #N`), then the REVISION / CHANGE-CAUSE table, `No rollout history found.`,
    /// or the revision's pod template (tabs kept, as kubectl's prefix writer leaves them), then a newline.
    /// - Throws: ``RolloutError`` `unable to find the specified revision`.
    static func render(_ entries: [Entry], revision: Int64, kind: ResourceKind, name: String, timeZone: TimeZone)
        throws(RolloutError) -> String
    {
        let body: String
        if entries.isEmpty {
            body = "No rollout history found."
        } else if revision > 0 {
            guard let entry = entries.last(where: { $0.revision == revision }) else {
                throw RolloutError("unable to find the specified revision")
            }
            var writer = DescribeWriter()
            PodTemplateSection.write(entry.template, into: &writer, timeZone: timeZone)
            body = writer.unaligned()
        } else {
            var table = TableWriter()
            table.minWidth = 0
            table.padding = 2
            let rows = entries.map { entry -> [String] in
                let cause = entry.changeCause.flatMap { $0.isEmpty ? nil : $0 } ?? "<none>"
                return [String(entry.revision), cause]
            }
            body = table.format([["REVISION", "CHANGE-CAUSE"]] + rows)
        }
        let operation = revision > 0 ? "with revision #\(revision)" : ""
        return "\(kind.printName)/\(name) \(operation)\n\(body)\n"
    }
}
