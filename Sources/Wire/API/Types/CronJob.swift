/// A batch/v1 CronJob: Jobs created on a cron schedule.
public struct CronJob: APIResource, Hashable {
    public static let resourceKind = ResourceKind.cronJob

    /// The annotation on a CronJob's Jobs with the time they were scheduled for (RFC 3339).
    public static let scheduledTimestampAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp"

    public var apiVersion: String?
    public var kind: String?
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: CronJobSpec
    @OrEmpty public var status: CronJobStatus

    public init(
        metadata: ObjectMeta = ObjectMeta(), spec: CronJobSpec = CronJobSpec(), status: CronJobStatus = CronJobStatus()
    ) {
        self.apiVersion = Self.resourceKind.apiVersion
        self.kind = Self.resourceKind.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// `spec` of a CronJob.
public struct CronJobSpec: Codable, Sendable, Hashable, EmptyInitializable {
    /// Standard five-field cron, or a descriptor such as `@hourly`.
    @OrEmpty public var schedule: String
    /// An IANA time zone name; the controller manager's zone when unset.
    public var timeZone: String?
    /// Seconds after a missed scheduled time during which the Job may still start.
    public var startingDeadlineSeconds: Int64?
    /// `Allow` (default), `Forbid` or `Replace`.
    public var concurrencyPolicy: String?
    /// Default false. Suspended: no new Jobs.
    public var suspend: Bool?
    @OrEmpty public var jobTemplate: JobTemplateSpec
    /// Default 3.
    public var successfulJobsHistoryLimit: Int32?
    /// Default 1.
    public var failedJobsHistoryLimit: Int32?

    public init() {}
}

/// `spec.jobTemplate` of a CronJob.
public struct JobTemplateSpec: Codable, Sendable, Hashable, EmptyInitializable {
    @OrEmpty public var metadata: ObjectMeta
    @OrEmpty public var spec: JobSpec

    public init() {}

    public init(metadata: ObjectMeta, spec: JobSpec) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// `status` of a CronJob.
public struct CronJobStatus: Codable, Sendable, Hashable, EmptyInitializable {
    /// The Jobs it runs now.
    public var active: [ObjectReference]?
    public var lastScheduleTime: String?
    public var lastSuccessfulTime: String?

    public init() {}
}
