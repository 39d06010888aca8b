import KubeAPI
import Wire

/// `spec.persistentVolumeClaimRetentionPolicy` as the claims' owner references (upstream
/// `updateClaimOwnerRefForSetAndPod`, Kubernetes' StatefulSetAutoDeletePVC, on by default in 1.32): a claim owned by
/// the set goes with the set (`whenDeleted: Delete`), one owned by its pod goes with the pod (`whenScaled: Delete`,
/// for pods scaled away); the garbage collector does the deleting. Pure.
enum StatefulSetClaimRetention {
    /// The claims among `claims` whose owner references must change for the pods `pods` (the set's members), each
    /// with its new references.
    static func updates(set: StatefulSet, pods: [Pod], claims: [PersistentVolumeClaim]) -> [PersistentVolumeClaim] {
        let templates = StatefulSetPods.claimTemplateNames(set)
        guard !templates.isEmpty else { return [] }
        let byName = Dictionary(claims.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let policy = set.spec.persistentVolumeClaimRetentionPolicy
        let deleteWithSet = policy?.whenDeleted == "Delete"
        let deleteWhenScaled = policy?.whenScaled == "Delete"
        let setRef = OwnerReference(
            apiVersion: StatefulSet.resourceKind.apiVersion, kind: StatefulSet.resourceKind.kind, name: set.name,
            uid: set.metadata.uid ?? "")
        var updated: [PersistentVolumeClaim] = []
        for pod in pods {
            guard let ordinal = StatefulSetPods.ordinal(of: pod, in: set) else { continue }
            let scaledDown = ordinal < set.startOrdinal || ordinal >= set.startOrdinal + set.desiredReplicas
            let podRef = OwnerReference(
                apiVersion: Pod.resourceKind.apiVersion, kind: Pod.resourceKind.kind, name: pod.name,
                uid: pod.metadata.uid ?? "")
            // Upstream's four cases: the pod owns the claim only when it is scaled away with whenScaled: Delete; the
            // set owns it when whenDeleted is Delete, unless the pod does.
            let ownedByPod = deleteWhenScaled && scaledDown
            let ownedBySet = deleteWithSet && !ownedByPod
            for template in templates {
                let name = StatefulSetPods.claimName(template: template, set: set, ordinal: ordinal)
                guard var claim = byName[name] else { continue }
                var references = claim.metadata.ownerReferences ?? []
                let before = references
                toggle(&references, setRef, present: ownedBySet)
                toggle(&references, podRef, present: ownedByPod)
                guard references != before else { continue }
                claim.metadata.ownerReferences = references.isEmpty ? nil : references
                updated.append(claim)
            }
        }
        return updated
    }

    /// Adds `reference` to `references` (matched by uid) when `present`, removes it otherwise.
    private static func toggle(_ references: inout [OwnerReference], _ reference: OwnerReference, present: Bool) {
        let has = references.contains { $0.uid == reference.uid }
        if present && !has { references.append(reference) }
        if !present && has { references.removeAll { $0.uid == reference.uid } }
    }
}
