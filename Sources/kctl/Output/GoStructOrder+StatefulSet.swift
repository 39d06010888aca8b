extension GoStructOrder {
    /// `corev1.PersistentVolumeClaim`, as a StatefulSet's claim templates hold it.
    static let claim = GoStructOrder.fields([
        ("kind", .sorted), ("apiVersion", .sorted), ("metadata", objectMeta),
        (
            "spec",
            .fields([
                ("accessModes", .sorted), ("selector", labelSelector),
                ("resources", .fields([("limits", .sorted), ("requests", .sorted)])),
                ("volumeName", .sorted), ("storageClassName", .sorted), ("volumeMode", .sorted),
                ("dataSource", .sorted), ("dataSourceRef", .sorted), ("volumeAttributesClassName", .sorted),
            ])
        ),
        (
            "status",
            .fields([
                ("phase", .sorted), ("accessModes", .sorted), ("capacity", .sorted), ("conditions", .sorted),
                ("allocatedResources", .sorted), ("allocatedResourceStatuses", .sorted),
                ("currentVolumeAttributesClassName", .sorted), ("modifyVolumeStatus", .sorted),
            ])
        ),
    ])

    /// `appsv1.StatefulSet`, in the Go type's field order (what `kubectl rollout history sts/x -o json` prints).
    static let statefulSet = GoStructOrder.fields(
        [
            ("kind", .sorted), ("apiVersion", .sorted), ("metadata", objectMeta),
            (
                "spec",
                .fields([
                    ("replicas", .sorted), ("selector", labelSelector), ("template", podTemplate),
                    ("volumeClaimTemplates", .list(claim)), ("serviceName", .sorted), ("podManagementPolicy", .sorted),
                    (
                        "updateStrategy",
                        .fields([
                            ("type", .sorted),
                            ("rollingUpdate", .fields([("partition", .sorted), ("maxUnavailable", .sorted)])),
                        ])
                    ),
                    ("revisionHistoryLimit", .sorted), ("minReadySeconds", .sorted),
                    (
                        "persistentVolumeClaimRetentionPolicy",
                        .fields([("whenDeleted", .sorted), ("whenScaled", .sorted)])
                    ),
                    ("ordinals", .sorted),
                ])
            ),
            (
                "status",
                .fields([
                    ("observedGeneration", .sorted), ("replicas", .sorted), ("readyReplicas", .sorted),
                    ("currentReplicas", .sorted), ("updatedReplicas", .sorted), ("currentRevision", .sorted),
                    ("updateRevision", .sorted), ("collisionCount", .sorted),
                    (
                        "conditions",
                        .list(.fields([
                            ("type", .sorted), ("status", .sorted), ("lastTransitionTime", .sorted),
                            ("reason", .sorted), ("message", .sorted),
                        ]))
                    ),
                    ("availableReplicas", .sorted),
                ])
            ),
        ])
}
