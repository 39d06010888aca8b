import KubeAPI
import Wire

/// A StatefulSet's ControllerRevisions (upstream `getStatefulSetRevisions`, `newRevision`, `history.
/// NewControllerRevision`, `CreateControllerRevision`'s collision loop and `truncateHistory`). Pure: returns what to
/// write.
enum StatefulSetHistory {
    /// The label every revision carries with its hash (upstream `ControllerRevisionHashLabel`).
    static let hashLabel = "controller.kubernetes.io/hash"

    /// What constructing the history decided.
    struct Plan: Sendable, Equatable {
        /// The revision of the pods below the partition: the one `status.currentRevision` names, else ``update``.
        var current: ControllerRevision
        /// The revision of the set's template, as it is after the writes below.
        var update: ControllerRevision
        /// The revision to create for a template seen for the first time.
        var created: ControllerRevision?
        /// An older revision equal to the template, renumbered to the next number (a rollback).
        var renumbered: ControllerRevision?
        /// The collision count the status must carry (raised when a new revision's name was taken).
        var collisionCount: Int32
    }

    /// `{"spec":{"template":{…,"$patch":"replace"}}}`: the revision data of a template, as upstream's `getPatch` (the
    /// same shape as a DaemonSet's, which kubectl's `rollout undo` compares byte for byte).
    static func patch(for template: PodTemplateSpec) -> JSONValue {
        DaemonSetHistory.patch(for: template)
    }

    /// The pod template a revision restores (its data's `spec.template` without `$patch`); nil when it has none.
    static func template(of revision: ControllerRevision) -> PodTemplateSpec? {
        guard var template = revision.data?[path: ["spec", "template"]], template.objectValue != nil else { return nil }
        template["$patch"] = nil
        return try? template.decode(as: PodTemplateSpec.self)
    }

    /// Chooses the current and update revisions.
    /// - Parameters:
    ///   - owned: the revisions this set owns after claiming, in any order.
    ///   - all: every revision in the namespace (a new revision's name may be taken by another's).
    ///   - ownerRef: the controller ownerRef a new revision gets.
    static func construct(
        set: StatefulSet, owned: [ControllerRevision], all: [ControllerRevision], ownerRef: OwnerReference
    ) -> Plan {
        let sorted = self.sorted(owned)
        let data = patch(for: set.spec.template)
        let next = (sorted.last?.revision ?? 0) + 1
        var collisionCount = set.status.collisionCount ?? 0
        let equal = sorted.filter { $0.data == data }
        var plan: Plan
        if let last = sorted.last, let lastEqual = equal.last, last.name == lastEqual.name {
            plan = Plan(current: last, update: last, collisionCount: collisionCount)
        } else if var lastEqual = equal.last {
            lastEqual.revision = next
            plan = Plan(current: lastEqual, update: lastEqual, renumbered: lastEqual, collisionCount: collisionCount)
        } else {
            // Upstream `CreateControllerRevision`: a taken name with the same data is that revision; with other data,
            // the collision count goes up and the next name is tried.
            var chosen: ControllerRevision?
            var created: ControllerRevision?
            for _ in 0..<1000 {
                let candidate = newRevision(set, data: data, number: next, collisionCount: collisionCount,
                                            ownerRef: ownerRef)
                guard let existing = all.first(where: { $0.name == candidate.name }) else {
                    chosen = candidate
                    created = candidate
                    break
                }
                if existing.data == data {
                    chosen = existing
                    break
                }
                collisionCount += 1
            }
            let update = chosen ?? newRevision(set, data: data, number: next, collisionCount: collisionCount,
                                               ownerRef: ownerRef)
            plan = Plan(current: update, update: update, created: created, collisionCount: collisionCount)
        }
        let currentName = set.status.currentRevision ?? ""
        if let current = sorted.first(where: { $0.name == currentName }) {
            plan.current = current.name == plan.update.name ? plan.update : current
        } else {
            plan.current = plan.update
        }
        return plan
    }

    /// A new revision of the set's template: named `<set>-<hash>` (the set's name cut to 223 characters), labelled
    /// with the template's labels and the hash, annotated with the set's annotations, owned by the set.
    static func newRevision(
        _ set: StatefulSet, data: JSONValue, number: Int64, collisionCount: Int32, ownerRef: OwnerReference
    ) -> ControllerRevision {
        let hash = ControllerHash.compute(data.canonicalJSON, collisionCount: collisionCount)
        var labels = set.spec.template.metadata.labels ?? [:]
        labels[hashLabel] = hash
        let annotations = set.metadata.annotations ?? [:]
        return ControllerRevision(
            metadata: ObjectMeta(
                name: "\(String(set.name.prefix(223)))-\(hash)", namespace: set.metadata.namespace, labels: labels,
                annotations: annotations.isEmpty ? nil : annotations, ownerReferences: [ownerRef]),
            data: data, revision: number)
    }

    /// Revisions by number, then name (upstream `SortControllerRevisions`).
    static func sorted(_ revisions: [ControllerRevision]) -> [ControllerRevision] {
        revisions.sorted { ($0.revision, $0.name) < ($1.revision, $1.name) }
    }

    /// The revisions to delete so that at most `limit` revisions remain besides the live ones (the current and
    /// update revisions and any a pod was made from): the oldest first (upstream `truncateHistory`).
    static func truncate(
        owned: [ControllerRevision], limit: Int32?, live: Set<String>
    ) -> [String] {
        let history = sorted(owned).filter { !live.contains($0.name) }
        let excess = history.count - Int(max(0, limit ?? 10))
        guard excess > 0 else { return [] }
        return history.prefix(excess).map(\.name)
    }
}
