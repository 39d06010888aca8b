import Foundation
import KubeAPI
import Wire

/// The identity, storage and health of a StatefulSet's pods (upstream `stateful_set_utils.go`): stable names
/// `<set>-<ordinal>`, the identity labels, hostname and subdomain, the volume of each claim template, and the
/// predicates the controller orders its work by. Pure.
enum StatefulSetPods {
    /// The label holding the pod's own name (a Service can select one pod by it).
    static let podNameLabel = "statefulset.kubernetes.io/pod-name"
    /// The label holding the pod's ordinal.
    static let podIndexLabel = "apps.kubernetes.io/pod-index"
    /// The label holding the name of the ControllerRevision the pod was made from.
    static let revisionLabel = "controller-revision-hash"

    /// `parent` and `ordinal` of a name `<parent>-<ordinal>` (upstream's `(.*)-([0-9]+)$`); nil when the name has no
    /// numeric suffix or the ordinal does not fit in 32 bits.
    static func parentAndOrdinal(_ name: String) -> (parent: String, ordinal: Int)? {
        guard let dash = name.lastIndex(of: "-") else { return nil }
        let digits = name[name.index(after: dash)...]
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let ordinal = Int32(digits)
        else { return nil }
        return (String(name[..<dash]), Int(ordinal))
    }

    /// The ordinal of `pod` when it is a member of `set` (named `<set>-<ordinal>`), else nil.
    static func ordinal(of pod: Pod, in set: StatefulSet) -> Int? {
        guard let parsed = parentAndOrdinal(pod.name), parsed.parent == set.name else { return nil }
        return parsed.ordinal
    }

    /// `<set>-<ordinal>`.
    static func podName(_ set: StatefulSet, ordinal: Int) -> String { "\(set.name)-\(ordinal)" }

    /// `<template>-<set>-<ordinal>`: the PersistentVolumeClaim a pod gets from one claim template.
    static func claimName(template: String, set: StatefulSet, ordinal: Int) -> String {
        "\(template)-\(set.name)-\(ordinal)"
    }

    /// The names of the claim templates, in order (templates without a name are skipped).
    static func claimTemplateNames(_ set: StatefulSet) -> [String] {
        (set.spec.volumeClaimTemplates ?? []).compactMap { $0.metadata.name }
    }

    /// The name of the ControllerRevision `pod` was made from (its `controller-revision-hash` label), or "".
    static func revision(of pod: Pod) -> String { pod.labels[revisionLabel] ?? "" }

    // MARK: - Health

    static func isRunningAndReady(_ pod: Pod) -> Bool { pod.status.phase == "Running" && pod.isReady }

    static func isRunningAndAvailable(_ pod: Pod, minReadySeconds: Int32, now: Date) -> Bool {
        pod.status.phase == "Running" && pod.isAvailable(minReadySeconds: minReadySeconds, now: now)
    }

    static func isTerminating(_ pod: Pod) -> Bool { pod.metadata.deletionTimestamp != nil }

    /// Running, ready and not being deleted.
    static func isHealthy(_ pod: Pod) -> Bool { isRunningAndReady(pod) && !isTerminating(pod) }

    // MARK: - New pods

    /// The pod of `ordinal` made from `template` (the set's, or an older revision's): upstream `newStatefulSetPod`
    /// (`GetPodFromTemplate`: the template's labels, annotations and finalizers, `generateName: <set>-`, the set as
    /// controller owner) with `initIdentity` (name, namespace, the pod-name and pod-index labels, `hostname`, and
    /// `subdomain` from `serviceName`), `updateStorage` (one claim volume per template) and the revision label.
    static func newPod(
        _ set: StatefulSet, template: PodTemplateSpec, ordinal: Int, revision: String, ownerRef: OwnerReference
    ) -> Pod {
        let name = podName(set, ordinal: ordinal)
        var labels = template.metadata.labels ?? [:]
        labels[revisionLabel] = revision
        var metadata = ObjectMeta(
            name: name, generateName: "\(set.name)-", namespace: set.metadata.namespace, labels: labels,
            annotations: template.metadata.annotations, ownerReferences: [ownerRef])
        metadata.finalizers = template.metadata.finalizers
        var pod = Pod(metadata: metadata, spec: template.spec)
        pod.metadata.labels = identityLabels(pod.labels, name: name, ordinal: ordinal)
        pod.spec.hostname = name
        pod.spec.subdomain = set.spec.serviceName.isEmpty ? nil : set.spec.serviceName
        pod.spec.volumes = storageVolumes(pod.spec.volumes, set: set, ordinal: ordinal)
        return pod
    }

    /// The claims the pod of `ordinal` mounts, one per claim template (upstream `getPersistentVolumeClaims`): the
    /// template named `<template>-<set>-<ordinal>` in the set's namespace, labelled with the template's labels and
    /// the selector's `matchLabels`; owned by the set when `whenDeleted` is `Delete` (so that the garbage collector
    /// deletes them with it).
    static func claims(_ set: StatefulSet, ordinal: Int) -> [PersistentVolumeClaim] {
        let deleteWithSet = set.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted == "Delete"
        return (set.spec.volumeClaimTemplates ?? []).compactMap { template in
            guard let templateName = template.metadata.name else { return nil }
            var claim = PersistentVolumeClaim(spec: template.spec)
            claim.metadata.name = claimName(template: templateName, set: set, ordinal: ordinal)
            claim.metadata.namespace = set.metadata.namespace
            claim.metadata.labels = (template.metadata.labels ?? [:])
                .merging(set.spec.selector?.matchLabels ?? [:]) { $1 }
            claim.metadata.annotations = template.metadata.annotations
            if deleteWithSet {
                claim.metadata.ownerReferences = [OwnerReference(
                    apiVersion: StatefulSet.resourceKind.apiVersion, kind: StatefulSet.resourceKind.kind,
                    name: set.name, uid: set.metadata.uid ?? "")]
            }
            return claim
        }
    }

    /// `labels` with the pod-name and pod-index labels (upstream `updateIdentity`).
    static func identityLabels(_ labels: [String: String], name: String, ordinal: Int) -> [String: String] {
        var labels = labels
        labels[podNameLabel] = name
        labels[podIndexLabel] = String(ordinal)
        return labels
    }

    /// `volumes` with, for each claim template, a volume named after it that mounts the pod's claim, replacing a
    /// volume of the same name (upstream `updateStorage`); the other volumes are kept, after the claim volumes.
    static func storageVolumes(_ volumes: [JSONValue]?, set: StatefulSet, ordinal: Int) -> [JSONValue]? {
        let templates = claimTemplateNames(set)
        guard !templates.isEmpty else { return volumes }
        let claimVolumes: [JSONValue] = templates.map { template in
            [
                "name": .string(template),
                "persistentVolumeClaim": [
                    "claimName": .string(claimName(template: template, set: set, ordinal: ordinal))
                ],
            ]
        }
        let others = (volumes ?? []).filter { volume in
            guard let name = volume["name"]?.stringValue else { return true }
            return !templates.contains(name)
        }
        return claimVolumes + others
    }

    /// Upstream `identityMatches`: the pod carries its name's pod-name and pod-index labels. (Upstream also
    /// rewrites a pod whose claim volumes differ; a pod's volumes cannot change once it exists, so only the labels
    /// are mended here.)
    static func identityMatches(_ pod: Pod, set: StatefulSet, ordinal: Int) -> Bool {
        let name = podName(set, ordinal: ordinal)
        return pod.labels[podNameLabel] == name && pod.labels[podIndexLabel] == String(ordinal)
    }
}
