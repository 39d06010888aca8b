import KubeAPI
import Wire

extension DaemonSet: Defaultable {
    /// apps/v1 `SetDefaults_DaemonSet`: `updateStrategy.type: RollingUpdate` and, for RollingUpdate,
    /// `maxUnavailable: 1`, `maxSurge: 0`; `revisionHistoryLimit: 10`; plus the pod template defaults.
    public mutating func applyDefaults() {
        if spec.updateStrategy.type == nil || spec.updateStrategy.type == "" {
            spec.updateStrategy.type = "RollingUpdate"
        }
        if spec.updateStrategy.type == "RollingUpdate" {
            var rolling = spec.updateStrategy.rollingUpdate ?? RollingUpdateDaemonSet()
            if rolling.maxUnavailable == nil { rolling.maxUnavailable = .int(1) }
            if rolling.maxSurge == nil { rolling.maxSurge = .int(0) }
            spec.updateStrategy.rollingUpdate = rolling
        }
        if spec.revisionHistoryLimit == nil { spec.revisionHistoryLimit = 10 }
        spec.template.applyDefaults()
    }
}

extension Deployment: Defaultable {
    /// apps/v1 `SetDefaults_Deployment`: `replicas: 1`; `strategy.type: RollingUpdate` and, for RollingUpdate,
    /// `maxUnavailable: 25%`, `maxSurge: 25%`; `revisionHistoryLimit: 10`; `progressDeadlineSeconds: 600`;
    /// plus the pod template defaults.
    public mutating func applyDefaults() {
        if spec.replicas == nil { spec.replicas = 1 }
        if spec.strategy.type == nil || spec.strategy.type == "" { spec.strategy.type = "RollingUpdate" }
        if spec.strategy.type == "RollingUpdate" {
            var rolling = spec.strategy.rollingUpdate ?? RollingUpdateDeployment()
            if rolling.maxUnavailable == nil { rolling.maxUnavailable = .string("25%") }
            if rolling.maxSurge == nil { rolling.maxSurge = .string("25%") }
            spec.strategy.rollingUpdate = rolling
        }
        if spec.revisionHistoryLimit == nil { spec.revisionHistoryLimit = 10 }
        if spec.progressDeadlineSeconds == nil { spec.progressDeadlineSeconds = 600 }
        spec.template.applyDefaults()
    }
}

extension ReplicaSet: Defaultable {
    /// apps/v1 `SetDefaults_ReplicaSet`: `replicas: 1`; plus the pod template defaults.
    public mutating func applyDefaults() {
        if spec.replicas == nil { spec.replicas = 1 }
        spec.template.applyDefaults()
    }
}
