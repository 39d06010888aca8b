/// A batch/v1 Job: pods run to completion, a given number of times.
public struct Job: APIResource, Hashable {
    public static let resourceKind = ResourceKind.job

    /// The labels the API server puts on a Job's pod template (and selects, unless `manualSelector`).
    public static let controllerUIDLabel = "batch.kubernetes.io/controller-uid"
    public static let jobNameLabel = "batch.kubernetes.io/job-name"
    public static let legacyControllerUIDLabel = "controller-uid"
    public static let legacyJobNameLabel = "job-name"
    /// The annotation (and label) carrying an Indexed Job pod's completion index.
    public static let completionIndexAnnotation = "batch.kubernetes.io/job-completion-index"

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: JobSpec
    @OrEmpty public var status: JobStatus

    public init(metadata: ObjectMeta = ObjectMeta(), spec: JobSpec = JobSpec(), status: JobStatus = JobStatus()) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// `spec` of a Job (and of a CronJob's `jobTemplate`).
public struct JobSpec: Codable, Sendable, Hashable, EmptyInitializable {
    /// Pods running at once at most; default 1.
    public var parallelism: Int32?
    /// Successful pods needed; with parallelism unset too, default 1. Unset: any one success completes the Job.
    public var completions: Int32?
    /// Seconds from `startTime` after which the Job fails with `DeadlineExceeded`.
    public var activeDeadlineSeconds: Int64?
    public var podFailurePolicy: PodFailurePolicy?
    public var successPolicy: SuccessPolicy?
    /// Failed pods tolerated before the Job fails with `BackoffLimitExceeded`; default 6.
    public var backoffLimit: Int32?
    public var backoffLimitPerIndex: Int32?
    public var maxFailedIndexes: Int32?
    public var selector: LabelSelector?
    public var manualSelector: Bool?
    @OrEmpty public var template: PodTemplateSpec
    /// Seconds after the Job finished when the TTL controller deletes it.
    public var ttlSecondsAfterFinished: Int32?
    /// `NonIndexed` (default) or `Indexed`.
    public var completionMode: String?
    /// Default false. A suspended Job runs no pods.
    public var suspend: Bool?
    /// `TerminatingOrFailed` (default) or `Failed`.
    public var podReplacementPolicy: String?
    public var managedBy: String?

    public init() {}
}

/// `spec.podFailurePolicy` of a Job.
public struct PodFailurePolicy: Codable, Sendable, Hashable {
    public var rules: [PodFailurePolicyRule]?

    public init(rules: [PodFailurePolicyRule]? = nil) { self.rules = rules }
}

/// One rule of a pod failure policy.
public struct PodFailurePolicyRule: Codable, Sendable, Hashable {
    /// `FailJob`, `FailIndex`, `Ignore` or `Count`.
    @OrEmpty public var action: String
    public var onExitCodes: PodFailurePolicyOnExitCodesRequirement?
    public var onPodConditions: [PodFailurePolicyOnPodConditionsPattern]?

    public init(action: String) { self.action = action }
}

/// The exit codes a pod failure policy rule matches.
public struct PodFailurePolicyOnExitCodesRequirement: Codable, Sendable, Hashable {
    public var containerName: String?
    /// `In` or `NotIn`.
    @OrEmpty public var `operator`: String
    @OrEmpty public var values: [Int32]

    public init(operator: String, values: [Int32]) {
        self.operator = `operator`
        self.values = values
    }
}

/// A pod condition a pod failure policy rule matches.
public struct PodFailurePolicyOnPodConditionsPattern: Codable, Sendable, Hashable {
    @OrEmpty public var type: String
    /// Default `True`.
    public var status: String?

    public init(type: String, status: String? = nil) {
        self.type = type
        self.status = status
    }
}

/// `spec.successPolicy` of an Indexed Job.
public struct SuccessPolicy: Codable, Sendable, Hashable {
    @OrEmpty public var rules: [SuccessPolicyRule]

    public init(rules: [SuccessPolicyRule] = []) { self.rules = rules }
}

/// One rule of a success policy.
public struct SuccessPolicyRule: Codable, Sendable, Hashable {
    public var succeededIndexes: String?
    public var succeededCount: Int32?

    public init(succeededIndexes: String? = nil, succeededCount: Int32? = nil) {
        self.succeededIndexes = succeededIndexes
        self.succeededCount = succeededCount
    }
}

/// `status` of a Job.
public struct JobStatus: Codable, Sendable, Hashable, EmptyInitializable {
    public var conditions: [JobCondition]?
    public var startTime: String?
    public var completionTime: String?
    /// Pods pending or running.
    public var active: Int32?
    public var succeeded: Int32?
    public var failed: Int32?
    /// Pods with a deletionTimestamp that have not finished.
    public var terminating: Int32?
    public var completedIndexes: String?
    public var failedIndexes: String?
    public var uncountedTerminatedPods: UncountedTerminatedPods?
    /// Active pods with the Ready condition.
    public var ready: Int32?

    public init() {}
}

/// Finished pods the Job controller has not counted in the status yet.
public struct UncountedTerminatedPods: Codable, Sendable, Hashable {
    public var succeeded: [String]?
    public var failed: [String]?

    public init(succeeded: [String]? = nil, failed: [String]? = nil) {
        self.succeeded = succeeded
        self.failed = failed
    }
}

/// One entry of `status.conditions` of a Job: `Complete`, `Failed`, `Suspended`, `SuccessCriteriaMet`,
/// `FailureTarget`.
public struct JobCondition: Codable, Sendable, Hashable {
    @OrEmpty public var type: String
    @OrEmpty public var status: String
    public var lastProbeTime: String?
    public var lastTransitionTime: String?
    public var reason: String?
    public var message: String?

    public init(
        type: String, status: String, lastProbeTime: String? = nil, lastTransitionTime: String? = nil,
        reason: String? = nil, message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastProbeTime = lastProbeTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }
}

extension Job {
    /// Whether the Job has the condition `type` with status `True`.
    public func hasCondition(_ type: String) -> Bool {
        (status.conditions ?? []).contains { $0.type == type && $0.status == "True" }
    }

    /// Complete or Failed.
    public var isFinished: Bool { hasCondition("Complete") || hasCondition("Failed") }
}
