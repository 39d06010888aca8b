extension GoStructOrder {
    /// `appsv1.StatefulSet`, in the Go type's field order (what `kubectl rollout history sts/x -o json` prints).
    static let statefulSet = GoStructOrder.fields(
        [
            ("kind", .sorted), ("apiVersion", .sorted), ("metadata", objectMeta),
            (
                "spec",
                .fields([
                    ("replicas", .sorted), ("selector", labelSelector), ("template", podTemplate),
                    ("volumeClaimTemplates", .sorted), ("serviceName", .sorted), ("podManagementPolicy", .sorted),
                    (
                        "updateStrategy",
                        .fields([
                            ("type", .sorted), ("rollingUpdate", .fields([("partition", .sorted), ("maxUnavailable", .sorted)])),
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
                            ("type", .sorted), ("status", .sorted), ("lastTransitionTime", .sorted), ("reason", .sorted),
                            ("message", .sorted),
                        ]))
                    ),
                    ("availableReplicas", .sorted),
                ])
            ),
        ])
}
