import KubeAPI
import Wire

extension Job: Defaultable {
    /// batch/v1 `SetDefaults_Job`: `completions` and `parallelism` 1 when both are unset, else `parallelism` 1;
    /// `backoffLimit` 6 (`MaxInt32` with `backoffLimitPerIndex`); the Job's labels from its template's when it has
    /// none; `completionMode: NonIndexed`; `suspend: false`; a pod failure rule's condition `status: True`;
    /// `podReplacementPolicy` `Failed` with a pod failure policy, else `TerminatingOrFailed`; plus the pod template
    /// defaults.
    public mutating func applyDefaults() {
        if spec.completions == nil && spec.parallelism == nil {
            spec.completions = 1
            spec.parallelism = 1
        }
        if spec.parallelism == nil { spec.parallelism = 1 }
        if spec.backoffLimit == nil { spec.backoffLimit = spec.backoffLimitPerIndex == nil ? 6 : Int32.max }
        if let templateLabels = spec.template.metadata.labels, (metadata.labels ?? [:]).isEmpty {
            metadata.labels = templateLabels
        }
        spec.applyCommonDefaults()
        if spec.podReplacementPolicy == nil {
            spec.podReplacementPolicy = spec.podFailurePolicy == nil ? "TerminatingOrFailed" : "Failed"
        }
    }

    /// What the API server adds to a new Job before validating it (the job strategy's `generateSelector`), unless
    /// `manualSelector` is true: the template labels `batch.kubernetes.io/job-name`, `job-name` (the Job's name),
    /// `batch.kubernetes.io/controller-uid` and `controller-uid` (its uid) where not set, and the selector's
    /// `matchLabels` entry `batch.kubernetes.io/controller-uid: <uid>`. The Job's labels then come from the
    /// template's when it has none (as the defaults give them on the next read upstream). The status starts empty.
    mutating func prepareForCreate() {
        status = JobStatus()
        guard spec.manualSelector != true else { return }
        var labels = spec.template.metadata.labels ?? [:]
        let name = metadata.name ?? ""
        let uid = metadata.uid ?? ""
        for key in [Job.legacyJobNameLabel, Job.jobNameLabel] where labels[key] == nil { labels[key] = name }
        for key in [Job.legacyControllerUIDLabel, Job.controllerUIDLabel] where labels[key] == nil { labels[key] = uid }
        spec.template.metadata.labels = labels
        var selector = spec.selector ?? LabelSelector()
        var matchLabels = selector.matchLabels ?? [:]
        if matchLabels[Job.controllerUIDLabel] == nil { matchLabels[Job.controllerUIDLabel] = uid }
        selector.matchLabels = matchLabels
        spec.selector = selector
        if (metadata.labels ?? [:]).isEmpty { metadata.labels = labels }
    }
}

extension JobSpec {
    /// The defaults a Job and a CronJob's job template share: `completionMode`, `suspend`, a pod failure rule's
    /// condition `status`, and the pod template's.
    mutating func applyCommonDefaults() {
        if completionMode == nil { completionMode = "NonIndexed" }
        if suspend == nil { suspend = false }
        if var policy = podFailurePolicy, var rules = policy.rules {
            for r in rules.indices {
                guard var patterns = rules[r].onPodConditions else { continue }
                for p in patterns.indices where (patterns[p].status ?? "").isEmpty { patterns[p].status = "True" }
                rules[r].onPodConditions = patterns
            }
            policy.rules = rules
            podFailurePolicy = policy
        }
        template.applyDefaults()
    }
}

extension CronJob: Defaultable {
    /// batch/v1 `SetDefaults_CronJob`: `concurrencyPolicy: Allow`, `suspend: false`, `successfulJobsHistoryLimit: 3`,
    /// `failedJobsHistoryLimit: 1`; plus the job template's pod template defaults.
    public mutating func applyDefaults() {
        if (spec.concurrencyPolicy ?? "").isEmpty { spec.concurrencyPolicy = "Allow" }
        if spec.suspend == nil { spec.suspend = false }
        if spec.successfulJobsHistoryLimit == nil { spec.successfulJobsHistoryLimit = 3 }
        if spec.failedJobsHistoryLimit == nil { spec.failedJobsHistoryLimit = 1 }
        spec.jobTemplate.spec.template.applyDefaults()
    }
}
