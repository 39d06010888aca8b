import ArgumentParser
import Foundation
import KubeAPI
import Wire

/// `kctl create job NAME --image=IMAGE [-- COMMAND [ARGS...]]` or `kctl create job NAME --from=cronjob/C`:
/// `job.batch/NAME created`, as kubectl. Its `-o`, `--dry-run` and `--save-config` are `create`'s.
struct CreateJob: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "job", abstract: "Create a job with the specified name.")

    @ParentCommand var create: Create

    @Argument(help: "The job's name, then -- and the command its container runs.")
    var arguments: [String] = []

    @Option(help: "Image name to run.")
    var image: String = ""

    @Option(help: "The name of the resource to create a Job from (only cronjob is supported).")
    var from: String = ""

    func run() async throws {
        let (names, command) = CreateDeployment.splitAtDash(arguments, commandLine: CommandLine.arguments)
        let name = try CreateOptions.requireOneName(names, command: "create job")
        if image.isEmpty == from.isEmpty { fail("error: either --image or --from must be specified") }
        if !command.isEmpty && !from.isEmpty { fail("error: cannot specify --from and command") }
        guard !from.isEmpty else {
            try await create.createGenerated(
                JobGenerator.job(name: name, image: image, command: command, namespace: create.global.namespace),
                failurePrefix: "job")
            return
        }
        let cronJob = try await fetchCronJob()
        try await create.createGenerated(
            JobGenerator.job(name: name, from: cronJob, namespace: create.global.namespace), failurePrefix: "job")
    }

    /// The CronJob `--from` names (`cronjob/NAME`, `cronjobs/NAME`, `cj/NAME`, `cronjob.batch/NAME`).
    private func fetchCronJob() async throws -> JSONValue {
        let parts = from.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = ResourceKind.resolve(parts[0]), !parts[1].isEmpty else {
            fail("error: from must be of the form TYPE/NAME")
        }
        let object: JSONValue
        do {
            object = try await APIClient.with(create.global) { client in
                guard let object = try await client.get(kind, namespace: client.defaultNamespace, name: parts[1])
                else { throw Status.notFound(kind, name: parts[1]) }
                return object
            }
        } catch {
            ErrorReporting.printError(KubectlErrors.checkErr(error))
            throw ExitCode(1)
        }
        // kubectl reads the object first, then takes only a CronJob (`unknown object type *v1.Deployment`).
        guard kind == .cronJob else { fail("error: unknown object type *\(kind.version).\(kind.kind)") }
        return object
    }

    private func fail(_ message: String) -> Never {
        ErrorReporting.printError(message)
        Foundation.exit(1)
    }
}

/// `kctl create cronjob NAME --image=IMAGE --schedule=SCHEDULE [--restart=R] [-- COMMAND [ARGS...]]` (alias
/// `cj`): `cronjob.batch/NAME created`, as kubectl.
struct CreateCronJob: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cronjob", abstract: "Create a cronjob with the specified name.", aliases: ["cj"])

    @ParentCommand var create: Create

    @Argument(help: "The cron job's name, then -- and the command its container runs.")
    var arguments: [String] = []

    @Option(help: "Image name to run.")
    var image: String = ""

    @Option(help: "A schedule in the Cron format the job should be run with.")
    var schedule: String = ""

    @Option(help: "job's restart policy. supported values: OnFailure, Never")
    var restart: String = ""

    func run() async throws {
        // Both flags are required (cobra's check, before the arguments').
        let missing = [("image", image), ("schedule", schedule)].filter { $0.1.isEmpty }.map { "\"\($0.0)\"" }
        if !missing.isEmpty {
            ErrorReporting.printError("error: required flag(s) \(missing.joined(separator: ", ")) not set")
            throw ExitCode(1)
        }
        let (names, command) = CreateDeployment.splitAtDash(arguments, commandLine: CommandLine.arguments)
        let name = try CreateOptions.requireOneName(names, command: "create cronjob")
        try await create.createGenerated(
            JobGenerator.cronJob(
                name: name, image: image, schedule: schedule, restart: restart.isEmpty ? "OnFailure" : restart,
                command: command, namespace: create.global.namespace),
            failurePrefix: "cronjob")
    }
}
