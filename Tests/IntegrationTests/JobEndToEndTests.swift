import Foundation
import KubeAPI
import TestSupport
import Testing

/// Jobs and CronJobs through the real kubectl on a `kctl cluster create` cluster, with busybox commands that really
/// run: `create job` and `wait --for=condition=complete`, `logs job/NAME`, a Job of 3 completions 2 at a time, a
/// failing command that reaches its backoff limit, the restartPolicy refusal, cascading delete; a CronJob on
/// `* * * * *` that starts a Job at the next minute boundary, `create job --from=cronjob/NAME`, and a bad schedule.
/// The two tests use a cluster each and run side by side (the CronJob one waits for a real minute boundary).
@Suite(.enabled(if: KubectlSession.executable != nil, "no kubectl on PATH"))
struct JobEndToEndTests {
    static let parallelJob = """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: batch
        spec:
          completions: 3
          parallelism: 2
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: work
                image: busybox:1.36
                command: ["sh", "-c", "sleep 1; echo done"]
        """

    static let failingJob = """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: broken
        spec:
          backoffLimit: 1
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: fail
                image: busybox:1.36
                command: ["sh", "-c", "echo failing; exit 3"]
        """

    static let alwaysJob = """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: always
        spec:
          template:
            spec:
              containers:
              - name: a
                image: busybox:1.36
        """

    @Test func jobsRunToCompletionOrFail() async throws {
        try await KubectlSession.withCluster("jobs") { kubectl in
            let created = try await kubectl("create", "job", "hello", "--image=busybox:1.36", "--", "sh", "-c", "echo hello")
            #expect(created.stdout == "job.batch/hello created\n", "\(created)")
            let waited = try await kubectl("wait", "--for=condition=complete", "job/hello", "--timeout=60s")
            #expect(waited.stdout == "job.batch/hello condition met\n", "\(waited)")
            let logs = try await kubectl("logs", "job/hello")
            #expect(logs.stdout == "hello\n", "\(logs)")
            let table = tableRows(try await kubectl("get", "jobs").stdout)
            #expect(table.first == ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"], "\(table)")
            #expect(table.dropFirst().first.map { Array($0.prefix(3)) } == ["hello", "Complete", "1/1"], "\(table)")
            let wide = tableRows(try await kubectl("get", "job", "hello", "-o", "wide").stdout)
            #expect(wide.first == ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"])
            #expect(wide.last?.last?.hasPrefix("batch.kubernetes.io/controller-uid=") == true, "\(wide)")
            let labels = try await kubectl("get", "job", "hello", "-o", "jsonpath={.spec.template.metadata.labels.job-name}")
            #expect(labels.stdout == "hello", "\(labels)")

            // Three completions, two at a time.
            let applied = try await kubectl("apply", "-f", try kubectl.file("batch.yaml", Self.parallelJob))
            #expect(applied.stdout == "job.batch/batch created\n", "\(applied)")
            try await kubectl.until("batch complete", within: .seconds(60), "get", "job", "batch") {
                tableRows($0.stdout).last.map { Array($0.prefix(3)) } == ["batch", "Complete", "3/3"]
            }
            let pods = try await kubectl("get", "pods", "-l", "job-name=batch", "--no-headers")
            #expect(tableRows(pods.stdout).map { $0[2] } == ["Completed", "Completed", "Completed"], "\(pods)")
            let described = try await kubectl("describe", "job", "batch")
            #expect(describedValue(described.stdout, "Pods Statuses") == "0 Active (0 Ready) / 3 Succeeded / 0 Failed",
                    "\(described)")
            #expect(describedValue(described.stdout, "Completions") == "3", "\(described)")
            #expect(described.stdout.contains("job-controller  Job completed"), "\(described)")
            // kctl prints what kubectl prints.
            for arguments in [
                ["describe", "job", "batch", "--show-events=false"], ["get", "job", "batch", "-o", "yaml"],
                ["get", "jobs", "-o", "name"], ["get", "pods", "-l", "job-name=batch", "-o", "name"],
            ] {
                let fromKubectl = try await kubectl.run(arguments)
                let fromKctl = try await kubectl.home.kctl(arguments, defaultKubeconfig: true)
                #expect(fromKctl.stdout == fromKubectl.stdout && fromKctl.status == 0, "\(arguments): \(fromKctl)")
            }

            // A command that fails, twice with backoffLimit 1.
            _ = try await kubectl("apply", "-f", try kubectl.file("broken.yaml", Self.failingJob))
            try await kubectl.until("broken failed", within: .seconds(60), "get", "job", "broken") {
                tableRows($0.stdout).last.map { Array($0.prefix(3)) } == ["broken", "Failed", "0/1"]
            }
            let failed = try await kubectl("get", "job", "broken", "-o",
                                           "jsonpath={.status.failed} {.status.conditions[?(@.type==\"Failed\")].reason}")
            #expect(failed.stdout == "2 BackoffLimitExceeded", "\(failed)")
            let brokenEvents = try await kubectl("describe", "job", "broken")
            #expect(brokenEvents.stdout.contains("Job has reached the specified backoff limit"), "\(brokenEvents)")
            let failedWait = try await kubectl("wait", "--for=condition=failed", "job/broken", "--timeout=5s")
            #expect(failedWait.stdout == "job.batch/broken condition met\n", "\(failedWait)")

            // restartPolicy Always (the default) is refused with Kubernetes' text.
            let refused = try await kubectl("apply", "-f", try kubectl.file("always.yaml", Self.alwaysJob))
            #expect(refused.status == 1, "\(refused)")
            #expect(refused.stderr.contains(
                "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""), "\(refused)")

            // Deleting a Job deletes its pods.
            let deleted = try await kubectl("delete", "job", "batch")
            #expect(deleted.stdout == "job.batch \"batch\" deleted\n", "\(deleted)")
            try await kubectl.until("batch pods gone", "get", "pods", "-l", "job-name=batch", "-o", "name") {
                $0.status == 0 && $0.stdout.isEmpty
            }
        }
    }

    @Test func aCronJobStartsJobsOnSchedule() async throws {
        try await KubectlSession.withCluster("cronjobs") { kubectl in
            let created = try await kubectl(
                "create", "cronjob", "tick", "--image=busybox:1.36", "--schedule=* * * * *", "--", "sh", "-c", "echo tick")
            #expect(created.stdout == "cronjob.batch/tick created\n", "\(created)")
            let table = tableRows(try await kubectl("get", "cronjobs").stdout)
            #expect(table.first == ["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST", "SCHEDULE", "AGE"])
            #expect(table.last.map { Array($0.prefix(8)) } == ["tick", "*", "*", "*", "*", "*", "<none>", "False"],
                    "\(table)")

            // A Job by hand from the template, at once.
            let manual = try await kubectl("create", "job", "tick-manual", "--from=cronjob/tick")
            #expect(manual.stdout == "job.batch/tick-manual created\n", "\(manual)")
            let annotation = try await kubectl(
                "get", "job", "tick-manual", "-o", "jsonpath={.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate}")
            #expect(annotation.stdout == "manual", "\(annotation)")
            #expect(try await kubectl("wait", "--for=condition=complete", "job/tick-manual", "--timeout=60s").status == 0)

            // The next minute boundary starts tick-<minutes since the epoch>, which completes.
            let jobs = try await kubectl.until("a scheduled job", within: .seconds(75), "get", "jobs", "-o", "name") {
                $0.stdout.split(separator: "\n").contains { $0.hasPrefix("job.batch/tick-") && !$0.hasSuffix("-manual") }
            }
            let name = try #require(jobs.stdout.split(separator: "\n").first {
                $0.hasPrefix("job.batch/tick-") && !$0.hasSuffix("-manual")
            })
            let minutes = try #require(Int(name.dropFirst("job.batch/tick-".count)))
            #expect(abs(minutes * 60 - Int(Date().timeIntervalSince1970)) < 180, "\(name)")
            let done = try await kubectl("wait", "--for=condition=complete", String(name), "--timeout=60s")
            #expect(done.status == 0, "\(done)")
            #expect(try await kubectl("logs", String(name)).stdout == "tick\n")
            let status = try await kubectl.until("last schedule and success", "get", "cronjob", "tick", "-o",
                                                 "jsonpath={.status.lastScheduleTime}|{.status.lastSuccessfulTime}") {
                !$0.stdout.hasPrefix("|") && !$0.stdout.hasSuffix("|")
            }
            #expect(status.stdout.split(separator: "|").count == 2, "\(status)")
            let described = try await kubectl("describe", "cronjob", "tick")
            #expect(describedValue(described.stdout, "Schedule") == "* * * * *", "\(described)")
            #expect(describedValue(described.stdout, "Concurrency Policy") == "Allow", "\(described)")
            #expect(described.stdout.contains("cronjob-controller  Created job tick-\(minutes)"), "\(described)")
            // Suspended, it starts nothing more; once its Jobs are done, kctl prints what kubectl prints.
            let suspended = try await kubectl("patch", "cronjob", "tick", "-p", #"{"spec":{"suspend":true}}"#)
            #expect(suspended.stdout == "cronjob.batch/tick patched\n", "\(suspended)")
            try await kubectl.until("no active jobs", within: .seconds(60), "get", "cronjob", "tick") {
                tableRows($0.stdout).last.map { Array($0.prefix(9)) }
                    == ["tick", "*", "*", "*", "*", "*", "<none>", "True", "0"]
            }
            for arguments in [["describe", "cronjob", "tick", "--show-events=false"], ["get", "cronjob", "tick", "-o", "json"]] {
                let fromKubectl = try await kubectl.run(arguments)
                let fromKctl = try await kubectl.home.kctl(arguments, defaultKubeconfig: true)
                #expect(fromKctl.stdout == fromKubectl.stdout && fromKctl.status == 0, "\(arguments): \(fromKctl)")
            }
            // kctl's own create: the same Job from the same template.
            let kctlJob = try await kubectl.home.kctl(["create", "job", "tick-kctl", "--from=cronjob/tick"], defaultKubeconfig: true)
            #expect(kctlJob.stdout == "job.batch/tick-kctl created\n", "\(kctlJob)")

            // A bad schedule, with the cron parser's text.
            let bad = try await kubectl("create", "cronjob", "bad", "--image=busybox", "--schedule=61 * * * *")
            #expect(bad.status == 1, "\(bad)")
            #expect(bad.stderr.contains("spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above maximum (59): 61"),
                    "\(bad)")

            // Deleting the CronJob deletes its Jobs.
            _ = try await kubectl("delete", "cronjob", "tick")
            try await kubectl.until("tick jobs gone", "get", "jobs", "-o", "name") {
                $0.status == 0 && !$0.stdout.contains("job.batch/tick-\(minutes)")
            }
        }
    }
}
