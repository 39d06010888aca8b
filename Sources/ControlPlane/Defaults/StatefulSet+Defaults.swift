import KubeAPI
import Wire

extension StatefulSet: Defaultable {
    /// apps/v1 `SetDefaults_StatefulSet`: `podManagementPolicy: OrderedReady`; an unset `updateStrategy.type` becomes
    /// `RollingUpdate` with a `rollingUpdate` block, and a RollingUpdate block gets `partition: 0`;
    /// `persistentVolumeClaimRetentionPolicy` `Retain`/`Retain`; `replicas: 1`; `revisionHistoryLimit: 10`; the pod
    /// template defaults; and each volume claim template the PersistentVolumeClaim defaults
    /// (`spec.volumeMode: Filesystem`, `status.phase: Pending`) with `apiVersion: v1` and `kind:
    /// PersistentVolumeClaim`, as Kubernetes stores them.
    public mutating func applyDefaults() {
        if (spec.podManagementPolicy ?? "").isEmpty { spec.podManagementPolicy = "OrderedReady" }
        if (spec.updateStrategy.type ?? "").isEmpty {
            spec.updateStrategy.type = "RollingUpdate"
            if spec.updateStrategy.rollingUpdate == nil {
                spec.updateStrategy.rollingUpdate = RollingUpdateStatefulSetStrategy()
            }
        }
        if spec.updateStrategy.type == "RollingUpdate", var rolling = spec.updateStrategy.rollingUpdate {
            if rolling.partition == nil { rolling.partition = 0 }
            spec.updateStrategy.rollingUpdate = rolling
        }
        var retention = spec.persistentVolumeClaimRetentionPolicy ?? StatefulSetPersistentVolumeClaimRetentionPolicy()
        if (retention.whenDeleted ?? "").isEmpty { retention.whenDeleted = "Retain" }
        if (retention.whenScaled ?? "").isEmpty { retention.whenScaled = "Retain" }
        spec.persistentVolumeClaimRetentionPolicy = retention
        if spec.replicas == nil { spec.replicas = 1 }
        if spec.revisionHistoryLimit == nil { spec.revisionHistoryLimit = 10 }
        spec.template.applyDefaults()
        spec.volumeClaimTemplates = spec.volumeClaimTemplates?.map { template in
            var claim = template
            claim.applyDefaults()
            if (claim.apiVersion ?? "").isEmpty { claim.apiVersion = PersistentVolumeClaim.resourceKind.apiVersion }
            if (claim.kind ?? "").isEmpty { claim.kind = PersistentVolumeClaim.resourceKind.kind }
            return claim
        }
    }
}
