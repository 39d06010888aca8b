import Foundation
import KubeAPI
import Wire

/// batch/v1 CronJob rules and texts: upstream `ValidateCronJobCreate`, `ValidateCronJobUpdate` and
/// `validateCronJobSpec` (schedule, time zone, concurrency policy, job template, history limits).
extension CronJob: Validatable {
    static let concurrencyPolicies = ["Allow", "Forbid", "Replace"]

    /// The create rules, then the name's length: the controller appends an 11-character suffix to name its Jobs.
    func validateCreate() -> [FieldError] {
        var errors = metadata.validate(namespaced: true) + spec.validate(old: nil, field: "spec")
        if name.utf8.count > 52 {
            errors.append(.invalid("metadata.name", GoQuote.quote(name), "must be no more than 52 characters"))
        }
        return errors
    }

    /// The metadata update rules and the spec rules (a time zone is checked again only when it changed).
    func validateUpdate(old: CronJob) -> [FieldError] {
        metadata.validateUpdate(old: old.metadata) + spec.validate(old: old.spec, field: "spec")
    }
}

extension CronJobSpec {
    func validate(old: CronJobSpec?, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        let schedulePath = "\(field).schedule"
        if schedule.isEmpty {
            errors.append(.required(schedulePath))
        } else {
            errors += validateSchedule(allowTZ: old?.schedule.contains("TZ") ?? false, field: schedulePath)
        }
        if let startingDeadlineSeconds {
            errors += FieldRules.nonNegative(startingDeadlineSeconds, "\(field).startingDeadlineSeconds")
        }
        if old == nil || old?.timeZone != timeZone {
            errors += Self.validateTimeZone(timeZone, field: "\(field).timeZone")
        }
        let policyPath = "\(field).concurrencyPolicy"
        switch concurrencyPolicy ?? "" {
        case "Allow", "Forbid", "Replace": break
        case "": errors.append(.required(policyPath))
        case let other: errors.append(FieldRules.notSupported(policyPath, other, CronJob.concurrencyPolicies))
        }
        errors += jobTemplate.validate(field: "\(field).jobTemplate")
        if let successfulJobsHistoryLimit {
            errors += FieldRules.nonNegative(Int64(successfulJobsHistoryLimit), "\(field).successfulJobsHistoryLimit")
        }
        if let failedJobsHistoryLimit {
            errors += FieldRules.nonNegative(Int64(failedJobsHistoryLimit), "\(field).failedJobsHistoryLimit")
        }
        return errors
    }

    /// Upstream `validateScheduleFormat`: the cron parser's error, then the `TZ` rules.
    private func validateSchedule(allowTZ: Bool, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        let rendered = GoQuote.quote(schedule)
        do {
            _ = try CronSchedule.parse(schedule)
        } catch {
            errors.append(.invalid(field, rendered, error.description))
        }
        if allowTZ && schedule.contains("TZ") && timeZone != nil {
            errors.append(.invalid(field, rendered, "cannot use both timeZone field and TZ or CRON_TZ in schedule"))
        } else if !allowTZ && schedule.contains("TZ") {
            errors.append(.invalid(field, rendered, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"))
        }
        return errors
    }

    /// Upstream `validateTimeZone`: non-empty, IANA-shaped name parts, not `Local`, and a zone that exists.
    static func validateTimeZone(_ timeZone: String?, field: String) -> [FieldError] {
        guard let timeZone else { return [] }
        let rendered = GoQuote.quote(timeZone)
        if timeZone.isEmpty { return [.invalid(field, rendered, "timeZone must be nil or non-empty string")] }
        for part in timeZone.split(separator: "/", omittingEmptySubsequences: false) {
            let allowed = part.count >= 1 && part.count <= 14
                && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-+".contains($0)) }
            if part == "." || part == ".." || part.hasPrefix("-") || !allowed {
                return [.invalid(field, rendered, "unknown time zone \(timeZone)")]
            }
        }
        if timeZone.lowercased() == "local" {
            return [.invalid(field, rendered,
                             "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones")]
        }
        if TimeZone(identifier: timeZone) == nil {
            return [.invalid(field, rendered, "unknown time zone \(timeZone)")]
        }
        return []
    }
}

extension JobTemplateSpec {
    /// Upstream `ValidateJobTemplateSpec`: the job spec rules, no selector (`` `selector` will be auto-generated``),
    /// and `manualSelector` unset or false.
    func validate(field: String) -> [FieldError] {
        var errors = spec.validate(field: "\(field).spec")
        if let selector = spec.selector {
            errors.append(.invalid("\(field).spec.selector", GoRendering.labelSelector(selector),
                                   "`selector` will be auto-generated"))
        }
        if spec.manualSelector == true {
            errors.append(.notSupported("\(field).spec.manualSelector", "true", supported: ["nil", "false"]))
        }
        return errors
    }
}
