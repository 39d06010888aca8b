import Foundation

/// Runs the `docker` client (found on `$PATH`): the only way kctl talks to the Docker engine.
struct DockerCLI: Sendable {
    /// The `docker` executable.
    let executable: URL
    /// The environment commands run with.
    let environment: [String: String]

    /// The client on `$PATH`.
    ///
    /// - Throws: ``ClusterError/runtimeUnavailable(_:)`` when there is none.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ClusterError)
        -> DockerCLI
    {
        guard let found = DockerHostCommand.find("docker", environment: environment) else {
            throw .runtimeUnavailable("the docker runtime needs the docker client, which is not installed")
        }
        return DockerCLI(executable: found, environment: environment)
    }

    /// Whether the engine answers (`docker version` reaches the daemon).
    func engineAnswers() async -> Bool {
        let result = await run(["version", "--format", "{{.Server.Version}}"])
        return result.status == 0 && !result.output.isEmpty
    }

    /// Runs `docker arguments...` to completion without blocking Swift's cooperative threads.
    func run(_ arguments: [String], environment extra: [String: String] = [:]) async -> DockerResult {
        await DockerHostCommand.run(
            executable, arguments, environment: environment.merging(extra) { _, new in new })
    }

    /// Runs `docker arguments...` and returns its trimmed output.
    ///
    /// - Throws: ``ClusterError/processFailed(_:)`` with docker's error line when it fails.
    @discardableResult
    func check(_ arguments: [String], environment extra: [String: String] = [:]) async throws(ClusterError)
        -> String
    {
        let result = await run(arguments, environment: extra)
        guard result.status == 0 else {
            let command = arguments.prefix { !$0.hasPrefix("-") }.prefix(2).joined(separator: " ")
            throw .processFailed("docker \(command) failed: \(result.errorLine)")
        }
        return result.output
    }

    /// Runs `docker arguments...` on the calling thread (for the synchronous parts of ``ClusterRuntime``).
    func runSynchronously(_ arguments: [String]) -> DockerResult {
        DockerHostCommand.runBlocking(executable, arguments, environment: environment)
    }
}
