import KubeAPI
import Wire

/// A DaemonSet's ControllerRevision history (upstream `constructHistory`, `dedupCurHistories`, `snapshot`,
/// `cleanupHistory`, `Match`, `getPatch`). Pure: returns what to write.
enum DaemonSetHistory {
    /// What constructing the history decided.
    struct Plan: Sendable, Equatable {
        /// The current revision's `controller-revision-hash`: the label new pods get.
        var hash: String
        /// The revision matching the current template (as it will be after the writes below).
        var current: ControllerRevision
        /// The other revisions this DaemonSet owns.
        var old: [ControllerRevision]
        /// Owned revisions to update (missing hash label added, current one renumbered), in input order.
        var updated: [ControllerRevision]
        /// The revision to create for a template seen for the first time.
        var created: ControllerRevision?
        /// Duplicate current revisions to delete.
        var deleted: [String]
        /// Set when duplicates were found: every pod must carry this hash (pods are relabelled first).
        var relabelPodsTo: String?
    }

    /// The result of constructing the history.
    enum Outcome: Sendable, Equatable {
        case plan(Plan)
        /// The revision name for the current template is taken by a revision with other data: the DaemonSet's
        /// `status.collisionCount` must become this value, and the sync retried.
        case collision(newCollisionCount: Int32)
    }

    /// `{"spec":{"template":{<template>,"$patch":"replace"}}}`: the strategic-merge patch that restores the
    /// template, stored as the revision's `data` and compared to find the current revision. As upstream's `getPatch`
    /// (Go's encoding of the template), the template's metadata carries `"creationTimestamp":null`: kubectl's
    /// `rollout undo` compares a revision's data byte for byte with its own encoding of the DaemonSet's template to
    /// print `skipped rollback`.
    static func patch(for template: PodTemplateSpec) -> JSONValue {
        // Encoding API types cannot fail (they hold no non-finite doubles); an empty template is a safe fallback.
        var templateJSON = (try? JSONValue(encoding: template)) ?? .object([:])
        var metadata = templateJSON["metadata"]?.objectValue ?? [:]
        if metadata["creationTimestamp"] == nil { metadata["creationTimestamp"] = .null }
        templateJSON["metadata"] = .object(metadata)
        templateJSON["$patch"] = "replace"
        return .object(["spec": .object(["template": templateJSON])])
    }

    /// `<ds-name>-<hash>`, the name prefix cut to 223 characters (upstream `ControllerRevisionName`).
    static func revisionName(daemonSet name: String, hash: String) -> String {
        "\(String(name.prefix(223)))-\(hash)"
    }

    /// Splits the owned revisions into current and old, creates the current one if missing (or reports a name
    /// collision), de-duplicates current revisions (keeping the highest number), renumbers the current one to
    /// `max(old) + 1` when it is lower, and adds a missing `controller-revision-hash` label (set to the
    /// revision's name, as upstream does).
    /// - Parameters:
    ///   - owned: the revisions this DaemonSet owns after claiming.
    ///   - all: every revision in the namespace (to detect name collisions).
    ///   - ownerRef: the controller ownerRef a new revision gets.
    static func construct(
        daemonSet: DaemonSet, owned: [ControllerRevision], all: [ControllerRevision], ownerRef: OwnerReference
    ) -> Outcome {
        let patch = patch(for: daemonSet.spec.template)
        var currents: [ControllerRevision] = []
        var old: [ControllerRevision] = []
        var updatedNames: [String] = []
        for var revision in owned {
            if revision.labels[DaemonPods.revisionHashLabel] == nil {
                revision.metadata.labels = revision.labels.merging([DaemonPods.revisionHashLabel: revision.name]) { $1 }
                updatedNames.append(revision.name)
            }
            if revision.data == patch { currents.append(revision) } else { old.append(revision) }
        }
        let nextNumber = (old.map(\.revision).max() ?? 0) + 1
        var plan: Plan

        if currents.isEmpty {
            let hash = DaemonSetRevisionHash.hash(patch: patch, collisionCount: daemonSet.status.collisionCount)
            let name = revisionName(daemonSet: daemonSet.name, hash: hash)
            if let existing = all.first(where: { $0.name == name }) {
                guard existing.data == patch else {
                    return .collision(newCollisionCount: (daemonSet.status.collisionCount ?? 0) + 1)
                }
                let existingHash = existing.labels[DaemonPods.revisionHashLabel] ?? hash
                plan = Plan(hash: existingHash, current: existing, old: old, updated: [], created: nil, deleted: [])
            } else {
                let created = ControllerRevision(
                    metadata: ObjectMeta(
                        name: name, namespace: daemonSet.metadata.namespace,
                        labels: daemonSet.spec.template.metadata.labels.orEmpty
                            .merging([DaemonPods.revisionHashLabel: hash]) { $1 },
                        annotations: daemonSet.metadata.annotations, ownerReferences: [ownerRef]),
                    data: patch, revision: nextNumber)
                plan = Plan(hash: hash, current: created, old: old, updated: [], created: created, deleted: [])
            }
        } else {
            // Upstream keeps the last revision with the highest number.
            var keep = currents[0]
            for revision in currents where revision.revision >= keep.revision { keep = revision }
            let keptName = keep.name
            let duplicates = currents.filter { $0.name != keptName }.map(\.name)
            if keep.revision < nextNumber {
                keep.revision = nextNumber
                updatedNames.append(keep.name)
            }
            let hash = keep.labels[DaemonPods.revisionHashLabel] ?? ""
            plan = Plan(hash: hash, current: keep, old: old, updated: [], created: nil, deleted: duplicates,
                        relabelPodsTo: duplicates.isEmpty ? nil : hash)
        }

        let byName = Dictionary((old + [plan.current]).map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        plan.updated = owned.compactMap { updatedNames.contains($0.name) ? byName[$0.name] : nil }
        return .plan(plan)
    }

    /// Old revisions to delete so that at most `limit` remain: lowest revision numbers first, never one whose
    /// hash a live pod still carries.
    static func cleanup(old: [ControllerRevision], limit: Int32?, liveHashes: Set<String>) -> [String] {
        var toKill = old.count - Int(max(0, limit ?? 10))
        guard toKill > 0 else { return [] }
        var names: [String] = []
        for revision in old.sorted(by: { $0.revision < $1.revision }) {
            if toKill <= 0 { break }
            if let hash = revision.labels[DaemonPods.revisionHashLabel], liveHashes.contains(hash) { continue }
            names.append(revision.name)
            toKill -= 1
        }
        return names
    }
}

extension Optional where Wrapped == [String: String] {
    /// The map, or an empty one.
    fileprivate var orEmpty: [String: String] { self ?? [:] }
}
